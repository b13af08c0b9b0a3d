import { InvalidJsonError, PayloadTooLargeError } from "../errors.ts";

/** After the limit, read (and drop) at most this much more, for at most this long. */
const DRAIN_BYTES = 4 * 1024 * 1024;
const DRAIN_MS = 2_000;

/**
 * The request body as text, refused past `maxBytes` without keeping more than that in memory
 * (a chunked upload has no Content-Length to check first). Before the 413 the rest of the body is
 * read and dropped, within bounds: a server that answers while the client is still sending and
 * then closes makes the kernel reset the connection, and the client never sees the 413.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  const reader = request.body?.getReader();
  if (!reader) return "";
  if (declared > maxBytes) return tooLarge(reader);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) return tooLarge(reader);
    chunks.push(value);
  }
  try {
    // Invalid UTF-8 is refused rather than silently turned into U+FFFD.
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new InvalidJsonError("The body is not valid UTF-8");
  }
}

async function tooLarge(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<never> {
  const deadline = Date.now() + DRAIN_MS;
  let drained = 0;
  try {
    while (drained < DRAIN_BYTES && Date.now() < deadline) {
      const { done, value } = await Promise.race([reader.read(), new Promise<{ done: true; value?: undefined }>((r) => setTimeout(() => r({ done: true }), Math.max(0, deadline - Date.now())))]);
      if (done) break;
      drained += value.byteLength;
    }
  } catch {
    // The client gave up sending: the 413 still goes out if the socket allows.
  }
  void reader.cancel().catch(() => {});
  throw new PayloadTooLargeError("Body too large");
}
