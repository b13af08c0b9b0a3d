import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/** Size and SHA-256 of a file, streamed (recordings run to gigabytes). */
export async function fileDigest(path: string): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const { size } = await stat(path);
  return { sizeBytes: size, sha256: hash.digest("hex") };
}
