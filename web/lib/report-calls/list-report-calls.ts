import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { loadReportCalls, toReportCallDtos } from "./report-call-dto.ts";

/** Report calls made by centers of the actor's subtree, newest first (the last 50). */
export async function listReportCalls(actor: Actor) {
  const db = await getDb();
  const calls = await loadReportCalls(db, { unit: { path: { startsWith: actor.unitPath } } });
  return { items: await toReportCallDtos(db, actor, calls) };
}
