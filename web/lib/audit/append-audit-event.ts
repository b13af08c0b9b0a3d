import type { Tx } from "../db/transaction.ts";
import type { Prisma } from "../db/generated/client.ts";
import { canonicalJson } from "./canonical-json.ts";
import { auditEventHash, GENESIS_HASH } from "./event-hash.ts";

export interface AuditActor {
  readonly userId: string | null;
  readonly displayName: string;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  /** Path of the unit whose subtree may read the event. */
  unitPath: string;
  data?: Record<string, unknown>;
}

// Appends are serialized so that two transactions never link to the same previous event.
const CHAIN_LOCK_KEY = 4_242_001;

/** Appends one event to the hash chain; call it inside the transaction that makes the change. */
export async function appendAuditEvent(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Round-trip through canonical JSON so that what is hashed is exactly what JSONB stores.
  const data = JSON.parse(canonicalJson(entry.data ?? {})) as Prisma.InputJsonObject;
  const at = new Date();
  const fields = {
    prevHash,
    at,
    actorId: actor.userId,
    actorName: actor.displayName,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    unitPath: entry.unitPath,
    data,
  };
  await tx.auditEvent.create({ data: { ...fields, hash: auditEventHash(fields) } });
}
