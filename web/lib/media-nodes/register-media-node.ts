import type { SignedRegistration } from "../../../server/src/protocol/node-registry.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/transaction.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { mediaNodes } from "../media/media-nodes.ts";
import { assertSignedBy } from "./authenticate-report.ts";
import { isEd25519PublicKey, keyFingerprint, sameKey } from "./node-keys.ts";
import { NO_KEY } from "./reset-node-key.ts";

export type RegistrationOutcome = "registered" | "re-registered" | "key_changed" | "unchanged";

/**
 * A media node registers at start (issue 11 §1). Who may hold a node id:
 * - with MEDIA_NODES, only a listed id, for its listed unit, and with its listed key when one is set;
 * - once the portal knows an id, only the key it registered with (trust on first use), unless
 *   MEDIA_NODES names the new key: that is how an operator rotates a node's key;
 * - after an admin reset the key (reset-node-key.ts), the next key is trusted on first use, and
 *   the reset key is refused for good.
 * The proof must verify with the key presented, so a node can only present its own key.
 * Registrations and key changes go to the audit chain; a retry of the same boot changes nothing.
 */
export async function registerMediaNode({ report, proof }: SignedRegistration, env: Record<string, string | undefined> = process.env): Promise<{ outcome: RegistrationOutcome }> {
  if (!isEd25519PublicKey(report.publicKey)) throw new ValidationError("publicKey is not an Ed25519 SPKI key", { publicKey: "invalid" });
  await assertSignedBy(report.publicKey, report, proof);
  const configured = mediaNodes(env)?.find((n) => n.id === report.node);
  if (mediaNodes(env) && !configured) throw new ForbiddenError(`Node ${report.node} is not in MEDIA_NODES`);
  if (configured && configured.unit !== report.unit) throw new ForbiddenError(`Node ${report.node} serves unit ${configured.unit} by MEDIA_NODES, not ${report.unit}`);
  if (configured?.key && !sameKey(configured.key, report.publicKey)) throw new ForbiddenError(`Node ${report.node} presents another key than MEDIA_NODES names`);

  const db = await getDb();
  const unit = await db.unit.findUnique({ where: { id: report.unit }, select: { path: true } });
  if (!unit) throw new ValidationError(`Unit ${report.unit} is not a unit of this portal: set MEDIA_UNIT_ID to the unit's id`, { unit: "not_found" });

  for (let attempt = 0; ; attempt++) {
    try {
      return { outcome: await db.$transaction((tx) => apply(tx, report, unit.path, configured?.key ?? null)) };
    } catch (error) {
      // Two first registrations of one id at once: the loser runs again and meets the winner's row.
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function apply(tx: Tx, report: SignedRegistration["report"], unitPath: string, configuredKey: string | null): Promise<RegistrationOutcome> {
  await tx.$queryRaw`SELECT 1 FROM "MediaNode" WHERE id = ${report.node} FOR UPDATE`;
  const existing = await tx.mediaNode.findUnique({ where: { id: report.node } });
  const sentAt = new Date(report.sentAt);
  const now = new Date();
  const fields = { unitId: report.unit, parentId: report.parent, publicUrl: report.publicUrl, internalUrl: report.internalUrl, boot: report.boot, bootSentAt: sentAt };
  const who = { userId: null, displayName: `media node ${report.node}` };
  const audited = { unit: report.unit, parent: report.parent, publicUrl: report.publicUrl, internalUrl: report.internalUrl, key: keyFingerprint(report.publicKey), boot: report.boot };

  if (!existing) {
    await tx.mediaNode.create({ data: { id: report.node, ...fields, publicKey: report.publicKey, seq: 0, registeredAt: now, firstRegisteredAt: now } });
    await appendAuditEvent(tx, who, { action: "media_node.registered", targetType: "MediaNode", targetId: report.node, unitPath, data: { ...audited, first: true } });
    return "registered";
  }
  // A key an admin reset stays refused for this id, whatever else is configured.
  if (existing.retiredKeys.some((retired) => sameKey(retired, report.publicKey))) {
    throw new ForbiddenError(`Node ${report.node}: this key (${keyFingerprint(report.publicKey)}) was reset by an admin; give the node a new key (MEDIA_NODE_KEY)`);
  }
  // After a reset the id has no key: the next key is trusted on first use, as at the first registration.
  const afterReset = existing.publicKey === NO_KEY;
  const keyChanges = !sameKey(existing.publicKey, report.publicKey);
  if (keyChanges && !afterReset && !(configuredKey && sameKey(configuredKey, report.publicKey))) {
    throw new ForbiddenError(`Node ${report.node} is registered with another key (${keyFingerprint(existing.publicKey)}); to replace it, name the new key in MEDIA_NODES`);
  }
  if (!keyChanges && existing.boot === report.boot) return "unchanged";
  if (existing.boot !== report.boot && sentAt <= existing.bootSentAt) {
    throw new ForbiddenError(`Node ${report.node}: a registration older than the current one (a replay)`);
  }
  await tx.mediaNode.update({ where: { id: report.node }, data: { ...fields, publicKey: report.publicKey, seq: 0, registeredAt: now, lastHeartbeatAt: null, figures: Prisma.DbNull } });
  if (keyChanges) {
    await appendAuditEvent(tx, who, {
      action: "media_node.key_changed",
      targetType: "MediaNode",
      targetId: report.node,
      unitPath,
      data: { ...audited, previousKey: afterReset ? null : keyFingerprint(existing.publicKey), afterReset },
    });
    return "key_changed";
  }
  await appendAuditEvent(tx, who, { action: "media_node.registered", targetType: "MediaNode", targetId: report.node, unitPath, data: { ...audited, first: false } });
  return "re-registered";
}
