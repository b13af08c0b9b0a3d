import { claimedIssuer, verifyNodeReport } from "../../../server/src/protocol/node-report-proof.ts";
import { UnauthenticatedError } from "../errors.ts";

/**
 * A report is the node's own only when its proof names the same node and verifies with `publicKey`
 * over exactly this report. The reason goes to the node (and the portal's log), never further.
 */
export async function assertSignedBy(publicKey: string, report: { node: string }, proof: string): Promise<void> {
  const issuer = claimedIssuer(proof);
  if (issuer !== report.node) throw new UnauthenticatedError(`The proof names node ${issuer ?? "?"}, the report node ${report.node}`);
  try {
    await verifyNodeReport(publicKey, report.node, report, proof);
  } catch (error) {
    throw new UnauthenticatedError(`Node ${report.node}: proof refused (${(error as Error).message})`);
  }
}
