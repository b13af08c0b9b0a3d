import type { Tx } from "../db/transaction.ts";
import { NotFoundError } from "../errors.ts";

/**
 * Row locks of a report call, in this order (as the roll call's): the call, then a center, then
 * the audit chain. The end takes the call exclusively; marks and calls share it, so a mark lands
 * wholly before the end or is refused after it.
 */
export async function lockReportCall(tx: Tx, id: string, mode: "update" | "share") {
  if (mode === "update") await tx.$queryRaw`SELECT 1 FROM "ReportCall" WHERE id = ${id} FOR UPDATE`;
  else await tx.$queryRaw`SELECT 1 FROM "ReportCall" WHERE id = ${id} FOR SHARE`;
  const call = await tx.reportCall.findUnique({ where: { id }, include: { unit: { select: { path: true, name: true } } } });
  if (!call) throw new NotFoundError("Report call not found");
  return call;
}

export async function lockReportCenter(tx: Tx, reportCallId: string, centerId: string) {
  await tx.$queryRaw`SELECT 1 FROM "ReportCallCenter" WHERE id = ${centerId} AND "reportCallId" = ${reportCallId} FOR UPDATE`;
  return tx.reportCallCenter.findFirst({ where: { id: centerId, reportCallId }, include: { unit: { select: { name: true } } } });
}
