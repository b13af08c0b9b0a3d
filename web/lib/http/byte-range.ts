/**
 * One HTTP byte range (RFC 9110 §14.1.2) of a file of `size` bytes: what a media element asks
 * for to start, seek and read a WebM's cues. Multiple ranges are not served (browsers never ask
 * for them on media); they, and a malformed header, fall back to the whole file as the RFC
 * allows. "unsatisfiable" is a range wholly past the end (416).
 */
export function parseByteRange(header: string | null, size: number): { start: number; end: number } | null | "unsatisfiable" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [, first, last] = match;
  if (first === "") {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0) return "unsatisfiable";
    return size === 0 ? "unsatisfiable" : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(end) || end < start) return null;
  return { start, end };
}
