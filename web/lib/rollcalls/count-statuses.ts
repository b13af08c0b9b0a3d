import type { Tx } from "../db/transaction.ts";
import { emptyCounts, type StatusCounts } from "./to-roll-call-summary.ts";

/** Entries per status for each roll call, in one query. */
export async function countStatuses(db: Pick<Tx, "rollCallEntry">, rollCallIds: string[]): Promise<Map<string, StatusCounts>> {
  const rows = await db.rollCallEntry.groupBy({ by: ["rollCallId", "status"], where: { rollCallId: { in: rollCallIds } }, _count: { _all: true } });
  const counts = new Map(rollCallIds.map((id) => [id, emptyCounts()]));
  for (const row of rows) counts.get(row.rollCallId)![row.status] = row._count._all;
  return counts;
}
