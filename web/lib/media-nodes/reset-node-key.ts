import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { keyFingerprint } from "./node-keys.ts";
import { assertMayResetNodeKey } from "./rules.ts";

/** A node whose key was reset and that has not registered again: it has no key. */
export const NO_KEY = "";

/**
 * An admin resets a node's key (issue 11 §1), e.g. the machine was lost or the key leaked. The
 * key is retired: reports signed with it (registration, heartbeat) are refused from then on, and
 * the node id waits for its node to register with a new key (trust on first use again, as at the
 * first registration). The admin names the key they saw (its fingerprint), so a page older than a
 * key change does not retire the new key. Under the row's lock: 100 resets at once are one reset.
 */
export async function resetMediaNodeKey(actor: Actor, nodeId: string, input: { key: string }) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "MediaNode" WHERE id = ${nodeId} FOR UPDATE`;
    const node = await tx.mediaNode.findUnique({ where: { id: nodeId }, include: { unit: { select: { path: true } } } });
    if (!node) throw new NotFoundError("Media node not found");
    assertMayResetNodeKey(actor, node.unit.path);
    if (node.publicKey === NO_KEY) throw new ConflictError("The key of this node was already reset; it waits for the node to register with a new key", { key: "already_reset" });
    const current = keyFingerprint(node.publicKey);
    if (current !== input.key) throw new ConflictError("The node's key changed since the page was loaded; reload and check the fingerprint", { key: "changed" });
    const resetAt = new Date();
    await tx.mediaNode.update({
      where: { id: nodeId },
      data: { retiredKeys: { push: node.publicKey }, publicKey: NO_KEY, keyResetAt: resetAt, boot: NO_KEY, seq: 0, lastHeartbeatAt: null, figures: Prisma.DbNull },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "media_node.key_reset",
      targetType: "MediaNode",
      targetId: nodeId,
      unitPath: node.unit.path,
      data: { retiredKey: current },
    });
    return { id: nodeId, retiredKey: current, keyResetAt: resetAt.toISOString() };
  });
}
