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
      select: { action: true, actorName: true },
      orderBy: { seq: "asc" },
    }),
  ]);
  const creator = await db.user.findUnique({ where: { id: row.createdById }, select: { displayName: true } });
  const by = (action: string) => events.find((e) => e.action === action)?.actorName ?? null;
  return {
    ...detail,
    createdBy: creator?.displayName ?? null,
    openedAt: row.openedAt?.toISOString() ?? null,
    openedBy: by("rollcall.open"),
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: by("rollcall.end"),
  };
}
