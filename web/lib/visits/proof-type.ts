import { PROOF_MAX_BYTES } from "../schemas/visits.ts";
import { ValidationError } from "../errors.ts";

/**
 * The proof's type is read from its first bytes, never from a file name or a declared type: a
 * renamed executable is not an image. Accepted: JPEG, PNG, WebP and PDF.
 */
export function sniffProofType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  return null;
}

/** Decodes and checks the proof; a refusal names the field so the page can say what to do. */
export function readProof(base64: string): { bytes: Buffer; mime: string } {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length > PROOF_MAX_BYTES) throw new ValidationError("The proof is larger than 5 MB", { proofBase64: "too_large" });
  const mime = sniffProofType(bytes);
  if (!mime) throw new ValidationError("The proof must be a JPEG, PNG or WebP image or a PDF", { proofBase64: "unsupported_type" });
  return { bytes, mime };
}
