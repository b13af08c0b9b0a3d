import type { Tx } from "./transaction.ts";

/**
 * Row locks for the roll-call domain. A check made before a transaction is stale by the time it
 * writes; a check made on the row read after its lock is not, because every writer of that row
 * waits here first. On PGlite (one transaction at a time) they cost nothing.
 *
 * Order, to avoid deadlocks: the roll call, then its entries, then the audit chain's lock.
 */

/** Exclusive: for actions that change the roll call's state (open, end, cancel). */
export async function lockRollCall(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT 1 FROM "RollCall" WHERE id = ${id} FOR UPDATE`;
  return tx.rollCall.findUniqueOrThrow({ where: { id } });
}

/** Shared: for actions on one entry that depend on the roll call's state (marks, calls). */
export async function shareRollCall(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT 1 FROM "RollCall" WHERE id = ${id} FOR SHARE`;
  return tx.rollCall.findUniqueOrThrow({ where: { id } });
}

export async function lockRollCallEntry(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "RollCallEntry" WHERE id = ${id} FOR UPDATE`;
  return rows.length > 0;
}
