import { isInScope, type Actor } from "../auth/actor.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.ts";

// 现场点名汇报 (issue 11 §4): one rule per action, called by each domain function on the rows it
// read (under their locks where the action writes).

type CallRef = { unitId: string; state: "live" | "ended"; unit: { path: string } };

/** Calling a report: a center's admin or officer (inspectors are read-only). */
export function assertMayCallReport(actor: Actor): void {
  if (actor.role === "inspector") throw new ForbiddenError("Role inspector may not call a report");
}

/** Reading a report call: its calling center's subtree (the center and its superiors). */
export function assertMayRead(actor: Actor, call: CallRef): void {
  if (!isInScope(actor, call.unit.path)) throw new NotFoundError("Report call not found");
}

/** Running it (join as host, call a center, mark, end): the calling center's own admins and officers. */
export function assertRuns(actor: Actor, call: CallRef): void {
  assertMayRead(actor, call);
  if (actor.unitId !== call.unitId || actor.role === "inspector") throw new ForbiddenError("Only the calling center's officers run this report call");
}

/** Whether the actor runs the call (for what the page offers; the rule above decides). */
export const runsCall = (actor: Actor, call: CallRef) => actor.unitId === call.unitId && actor.role !== "inspector" && isInScope(actor, call.unit.path);

/** Answering: staff of a called center who may speak for it (admins and officers). */
export function assertMayAnswer(actor: Actor, center: { unitId: string } | null): asserts center {
  if (!center || center.unitId !== actor.unitId) throw new NotFoundError("Report call not found");
  if (actor.role === "inspector") throw new ForbiddenError("Role inspector may not answer for the center");
}

export function assertLive(call: { state: "live" | "ended" }): void {
  if (call.state !== "live") throw new ConflictError("The report call has ended", { state: call.state });
}
