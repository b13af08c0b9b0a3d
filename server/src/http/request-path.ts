/**
 * The path of a request target, without the WHATWG URL parser: `new URL("//:99999", base)`
 * throws (the target reads as a host with a bad port), and one such request used to end the
 * process. Only origin-form targets ("/path?query") are ours; anything else is null (answer 400).
 */
export function requestPath(target: string | undefined): string | null {
  if (!target || target[0] !== "/" || target.length > 2048) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}
