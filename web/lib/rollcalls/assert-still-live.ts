import { shareRollCall } from "../db/lock-row.ts";
import type { Tx } from "../db/transaction.ts";
import { ConflictError } from "../errors.ts";

/**
 * The console's actions (call, verdict, snapshot) and an observer's look checked "live" before
 * their transaction; an end committed in between let them land on an ended record. Re-checked
 * under the shared lock that the end takes exclusively, they land wholly before the end or are
 * refused.
 */
export async function assertStillLive(tx: Tx, rollCallId: string): Promise<void> {
  const current = await shareRollCall(tx, rollCallId);
  if (current.state !== "live") throw new ConflictError("The roll call is not live", { state: current.state });
}
