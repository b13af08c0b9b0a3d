import type { SignedHeartbeat } from "../../../server/src/protocol/node-registry.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { assertSignedBy } from "./authenticate-report.ts";
import { RegisterAgainError } from "./errors.ts";
import { NO_KEY } from "./reset-node-key.ts";

/**
 * A node's heartbeat: its figures replace the last ones and the portal's clock marks it alive.
 * Not audited (one every few seconds per node; the registration is). The update names the boot
 * and a lower sequence number in its condition, so a replayed or late heartbeat changes nothing,
 * however many arrive at once.
 */
export async function recordNodeHeartbeat({ report, proof }: SignedHeartbeat): Promise<{ accepted: true }> {
  const db = await getDb();
  const node = await db.mediaNode.findUnique({ where: { id: report.node }, select: { publicKey: true, boot: true } });
  if (!node) throw new RegisterAgainError(`Node ${report.node} is not registered here`);
  // Its key was reset: the node must register (its old key is refused there, a new one is not).
  if (node.publicKey === NO_KEY) throw new RegisterAgainError(`Node ${report.node}: its key was reset by an admin; register with a new key`);
  await assertSignedBy(node.publicKey, report, proof);
  if (node.boot !== report.boot) throw new RegisterAgainError(`Node ${report.node} registered another boot; register this one`);
  const { count } = await db.mediaNode.updateMany({
    where: { id: report.node, boot: report.boot, seq: { lt: report.seq } },
    data: { seq: report.seq, lastHeartbeatAt: new Date(), figures: report.figures },
  });
  if (count === 0) throw new ConflictError(`Heartbeat ${report.seq} of node ${report.node} is not newer than the last one (replayed or out of order)`);
  return { accepted: true };
}
