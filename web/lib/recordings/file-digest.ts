import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** A file's size and SHA-256, read as a stream (exports are tens of MB). */
export async function fileDigest(file: string): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  return { sizeBytes, sha256: hash.digest("hex") };
}
