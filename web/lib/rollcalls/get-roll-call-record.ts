import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { getRollCallDetail } from "./get-roll-call.ts";

/**
 * What the printed 点名记录表 needs beyond the detail: who scheduled the roll call, who opened and
 * ended it, and when it really ran.
 */
export async function getRollCallRecord(actor: Actor, rollCallId: string) {
  const detail = await getRollCallDetail(actor, rollCallId);
  const db = await getDb();
  const [row, events] = await Promise.all([
    db.rollCall.findUniqueOrThrow({ where: { id: rollCallId }, select: { openedAt: true, endedAt: true, createdById: true } }),
    db.auditEvent.findMany({
      where: { targetType: "RollCall", targetId: rollCallId, action: { in: ["rollcall.open", "rollcall.end"] } },
      select: { action: true, actorId: true, actorName: true },
      orderBy: { seq: "asc" },
    }),
  ]);
  // Staff by their display names, as the record is signed (the audit chain's actorName adds the login name).
  const staffIds = [row.createdById, ...events.map((e) => e.actorId).filter((id): id is string => id !== null)];
  const staff = new Map((await db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  const creator = { displayName: staff.get(row.createdById) };
  const by = (action: string) => {
    const event = events.find((e) => e.action === action);
    return event ? ((event.actorId && staff.get(event.actorId)) ?? event.actorName) : null;
  };
  return {
    ...detail,
    createdBy: creator.displayName ?? null,
    openedAt: row.openedAt?.toISOString() ?? null,
    openedBy: by("rollcall.open"),
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: by("rollcall.end"),
  };
}
