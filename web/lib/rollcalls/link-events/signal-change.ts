import type { Tx } from "../../db/transaction.ts";

/** The channel that says "this roll call's state changed"; its payload is the roll call's id. */
export const ROLLCALL_CHANGED = "rollcall_changed";

/**
 * Tells every portal process that a roll call changed (opened, ended), inside the transaction
 * that changes it: PostgreSQL (and PGlite) deliver a NOTIFY only when that transaction commits,
 * so a waiting page never reads the state before it is there, and a rollback tells nobody.
 */
export async function signalRollCallChanged(tx: Tx, rollCallId: string): Promise<void> {
  // $executeRaw: pg_notify returns void, which $queryRaw cannot hand back as a row.
  await tx.$executeRaw`SELECT pg_notify(${ROLLCALL_CHANGED}, ${rollCallId})`;
}
