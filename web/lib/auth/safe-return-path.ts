// Any placeholder origin works: the value only has to resolve to the same one to be a local path.
const BASE = "http://portal.invalid";

/**
 * Only a path on this site. Browsers strip tabs and newlines from URLs and read "\" as "/", so
 * "/\t/evil.example" becomes "//evil.example" after the redirect: such characters are refused
 * outright, and what is left must resolve to our own origin when parsed as a URL.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  return url.pathname + url.search + url.hash;
}
