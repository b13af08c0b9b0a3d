import { auditActor, type Actor } from "../../auth/actor.ts";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import { getDb } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { visitForDayAct } from "./day-access.ts";

/**
 * The face snapshot a visitor took at home before joining, for the officers who answer for the
 * visit: the facility's own officers (who watch it) and the hosting center's, by the visit-day
 * rule (day-access.ts): another county gets 404, a read-only role (an inspector, the province
 * above) 403. Narrower than a check-in photo, which inspectors see: this is the face of a private
 * citizen, not of a supervised person, and only the officers who verify a visit need it. Every
 * view is audited in the same transaction that reads the bytes, so no view goes unrecorded.
 */
export async function getVisitSnapshot(actor: Actor, visitId: string, participantId: string) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { visit, side } = await visitForDayAct(tx, actor, visitId, ["facility", "center"]);
    const participant = await tx.visitParticipant.findFirst({
      where: { id: participantId, visitId: visit.id },
      select: { id: true, snapshotBytes: true, snapshotMime: true, snapshotSha256: true },
    });
    if (!participant?.snapshotBytes || !participant.snapshotSha256) throw new NotFoundError("No snapshot for this participant");
    await appendAuditEvent(tx, auditActor(actor), {
      action: "visit.snapshot_viewed",
      targetType: "VisitParticipant",
      targetId: participant.id,
      unitPath: side === "facility" ? visit.facility.path : visit.familyUnit!.path,
      data: { visitId: visit.id, code: visit.code, sha256: participant.snapshotSha256 },
    });
    return { bytes: Buffer.from(participant.snapshotBytes), mime: participant.snapshotMime ?? "image/jpeg", sha256: participant.snapshotSha256 };
  });
}
