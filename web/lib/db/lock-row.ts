import type { Tx } from "./transaction.ts";

/**
 * Takes the row lock of one roll call or roster entry for the rest of the transaction. A check
 * made before a transaction is stale by the time it writes; a check made after this lock is not,
 * because every writer of that row waits here first. On PGlite (one query at a time) it is cheap.
 */
export async function lockRollCall(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "RollCall" WHERE id = ${id} FOR UPDATE`;
  return rows.length > 0;
}

export async function lockRollCallEntry(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "RollCallEntry" WHERE id = ${id} FOR UPDATE`;
  return rows.length > 0;
}
