import type { Tx } from "../../db/transaction.ts";
import { grantFor } from "../../rooms/issue-join-grant.ts";
import { lockVisit } from "./day-access.ts";

type VisitForRoom = { id: string; code: string; kind: string; facilityId: string; createdById: string | null; decidedById: string | null; roomId: string | null };

/**
 * The visit's media room (Room.kind = visit), created by whichever side opens visit day first.
 * Under the visit's row lock: two sides opening at once get the same room.
 */
export async function ensureVisitRoom(tx: Tx, visit: VisitForRoom, openerUserId: string | null) {
  await lockVisit(tx, visit.id);
  const current = await tx.visit.findUniqueOrThrow({ where: { id: visit.id }, select: { roomId: true } });
  if (current.roomId) return tx.room.findUniqueOrThrow({ where: { id: current.roomId } });
  const createdById = openerUserId ?? visit.decidedById ?? visit.createdById;
  if (!createdById) throw new Error(`visit ${visit.id} has no staff member to own its room`);
  const room = await tx.room.create({
    data: { kind: "visit", title: `${visit.kind === "help_education" ? "远程帮教" : "远程会见"} ${visit.code}`, unitId: visit.facilityId, createdById, requiresAdmission: true },
  });
  await tx.roomEvent.create({ data: { roomId: room.id, type: "room.created", identity: openerUserId ? `user:${openerUserId}` : null, name: null, at: room.createdAt } });
  await tx.visit.update({ where: { id: visit.id }, data: { roomId: room.id } });
  return room;
}

type Who = Parameters<typeof grantFor>[1];

/**
 * Whether a side joining now waits for the facility officer's start. Once the visit is under way
 * the start has been given: a family phone that reloads, or a terminal reopened after a crash or a
 * node restart (which forgets whom it admitted), goes straight back in rather than waiting for an
 * officer to notice and start it again.
 */
export const waitsForStart = (visit: { state: string }) => visit.state !== "in_progress";

// The terms every token of the visit carries: the node fixes them from the first and refuses any other.

/** A join grant into the visit's room, carrying its end, privilege and recording terms. */
export function visitGrant(room: { id: string; title: string; state: string }, visit: { endsAt: Date | null; privileged: boolean; mustRecord: boolean }, who: Omit<Who, "notAfter">) {
  return grantFor(
    { id: room.id, title: room.title, kind: "visit", state: room.state, requiresAdmission: true },
    { ...who, notAfter: visit.endsAt! },
    { endsAt: visit.endsAt!, privileged: visit.privileged, mustRecord: visit.mustRecord },
  );
}
