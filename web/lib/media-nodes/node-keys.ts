import { createHash, createPublicKey } from "node:crypto";

/** The key's DER bytes: two PEM spellings of one key compare equal, a malformed PEM is null. */
function der(pem: string): Buffer | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== "ed25519") return null;
    return key.export({ type: "spki", format: "der" });
  } catch {
    return null;
  }
}

export function isEd25519PublicKey(pem: string): boolean {
  return der(pem) !== null;
}

export function sameKey(a: string, b: string): boolean {
  const x = der(a);
  const y = der(b);
  return x !== null && y !== null && x.equals(y);
}

/** Short, stable name of a key for the audit chain and the admin page (SHA-256 of its DER, 16 hex). */
export function keyFingerprint(pem: string): string {
  const bytes = der(pem);
  return bytes ? createHash("sha256").update(bytes).digest("hex").slice(0, 16) : "invalid";
}
