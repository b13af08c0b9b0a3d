import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import { NotFoundError } from "../errors.ts";
import { REPORT_CALL_INCLUDE, toReportCallDtos } from "./report-call-dto.ts";
import { assertMayRead } from "./rules.ts";

/** A report call of the actor's reach, or 404 (also for ids that do not exist). */
export async function findReportCall(tx: Tx, actor: Actor, id: string) {
  const call = await tx.reportCall.findUnique({ where: { id }, include: REPORT_CALL_INCLUDE });
  if (!call) throw new NotFoundError("Report call not found");
  assertMayRead(actor, call);
  return call;
}

export async function getReportCall(actor: Actor, id: string) {
  const db = await getDb();
  const call = await findReportCall(db, actor, id);
  return (await toReportCallDtos(db, actor, [call]))[0]!;
}
