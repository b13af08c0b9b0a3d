import { createHash } from "node:crypto";
import { ValidationError } from "../errors.ts";

export const MAX_FACE_PHOTO_BYTES = 400 * 1024;

/** The JPEG a browser sent (base64), checked before anything reads it, with its SHA-256. */
export function decodeJpegUpload(jpegBase64: string, field = "jpegBase64") {
  const bytes = Buffer.from(jpegBase64, "base64");
  if (bytes.length > MAX_FACE_PHOTO_BYTES) throw new ValidationError("The photo is too large (at most 400 KB)", { [field]: "too_big" });
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
    throw new ValidationError("The photo is not a JPEG image", { [field]: "not_jpeg" });
  }
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}
