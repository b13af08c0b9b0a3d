import { createHash } from "node:crypto";
import { decodeJwt, importPKCS8, importSPKI, jwtVerify, SignJWT } from "jose";
import { canonicalReportJson, NODE_PROOF_TTL_SECONDS, NODE_REPORT_AUDIENCE } from "./node-registry.ts";

// The proof of a node's report to the portal (issue 11 §1), used by both ends: the node signs with
// its own Ed25519 key (the one that signs its links), the portal verifies with the key it holds
// for that node id. A proof binds one report (its digest), one node, the portal, and a minute.

export function reportDigest(report: unknown): string {
  return createHash("sha256").update(canonicalReportJson(report)).digest("base64url");
}

export async function signNodeReport(privateKeyPem: string, node: string, report: unknown): Promise<string> {
  const key = await importPKCS8(privateKeyPem, "EdDSA");
  return new SignJWT({ digest: reportDigest(report) })
    .setProtectedHeader({ alg: "EdDSA" })
    .setIssuer(node)
    .setAudience(NODE_REPORT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${NODE_PROOF_TTL_SECONDS}s`)
    .sign(key);
}

/** The node a proof claims to come from, unverified (to pick the key to verify it with). */
export function claimedIssuer(proof: string): string | null {
  try {
    const iss = decodeJwt(proof).iss;
    return typeof iss === "string" ? iss : null;
  } catch {
    return null;
  }
}

/** Throws (with the reason) unless `proof` was signed by `publicKeyPem` for `node` over exactly `report`. */
export async function verifyNodeReport(publicKeyPem: string, node: string, report: unknown, proof: string): Promise<void> {
  const key = await importSPKI(publicKeyPem, "EdDSA");
  const { payload } = await jwtVerify(proof, key, {
    issuer: node,
    audience: NODE_REPORT_AUDIENCE,
    algorithms: ["EdDSA"],
    maxTokenAge: `${NODE_PROOF_TTL_SECONDS + 30}s`,
  });
  if (payload.digest !== reportDigest(report)) throw new Error("the proof signs another report");
}
