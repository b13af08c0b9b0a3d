/** Only a path on this site: "//evil.example" or "https://…" would turn login into an open redirect. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
