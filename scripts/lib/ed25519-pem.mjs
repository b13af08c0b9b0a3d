// An Ed25519 key pair as PEM strings (SPKI public, PKCS#8 private): the form every key here takes —
// the portal's join-token key, each media node's key, and the throwaway ones of tests and benches.
import { generateKeyPairSync } from "node:crypto";

/** @returns {{ publicKey: string, privateKey: string }} */
export function ed25519PemKeyPair() {
  return generateKeyPairSync("ed25519", {
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}
