import { createHash } from "node:crypto";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import { safeEqual } from "../../auth/session-token.ts";
import { getDb } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../errors.ts";
import { reserveApplyAttempt } from "../reserve-apply-attempt.ts";
import { assertVisitDay } from "./day-access.ts";
import { familyTicket, isFamilyLinkValid, participantIdOfLink } from "./family-link.ts";
import { ensureVisitRoom, visitGrant, waitsForStart } from "./visit-media-room.ts";

/** Wrong codes a link may take per hour before it waits (the attempts stay booked whatever the outcome). */
export const LINK_CODE_TRIES_PER_HOUR = 5;
export const SNAPSHOT_MAX_BYTES = 400 * 1024;

const linkRefusal = (link: string, message: string) => new ConflictError(message, { link });

/**
 * The participant behind a usable link, or the reason it is not: a forged or replaced link is
 * "not found"; a withdrawn one, a cancelled or finished visit and a visit on another day each
 * get their own answer (`fields.link`), so the page can say what to do.
 */
async function usableLink(token: string, tx?: Tx) {
  const db = tx ?? (await getDb());
  const participant = await db.visitParticipant.findUnique({
    where: { id: participantIdOfLink(token) },
    include: { visit: { include: { facility: { select: { name: true, path: true } }, familyRoom: { select: { name: true } } } } },
  });
  if (!participant || !isFamilyLinkValid(token, participant.linkIssuedAt)) throw new NotFoundError("This link is not valid");
  if (participant.linkRevokedAt) throw linkRefusal("revoked", "This link has been withdrawn. Ask the officer for a new link");
  try {
    assertVisitDay(participant.visit);
  } catch (error) {
    const reason = error instanceof ConflictError ? error.fields?.visit : undefined;
    if (reason === "cancelled") throw linkRefusal("cancelled", "This visit has been cancelled; the link no longer works");
    if (reason === "ended") throw linkRefusal("ended", "This visit is over; the link has expired");
    if (reason === "not_today") throw linkRefusal(participant.visit.startsAt! > new Date() ? "not_yet" : "ended", "This link opens only on the day of the visit");
    throw linkRefusal("ended", "This link no longer opens a visit");
  }
  return participant;
}

/** What the link page shows before the ID check: the visit's time and place, no personal data. */
export async function openFamilyLink(token: string) {
  const { visit } = await usableLink(token);
  return {
    kind: visit.kind,
    facilityName: visit.facility.name,
    startsAt: visit.startsAt!.toISOString(),
    endsAt: visit.endsAt!.toISOString(),
    privileged: visit.privileged,
    mustRecord: !visit.privileged && visit.mustRecord,
    /** The code asked: the ID number's last 4, or the phone's for an invitee known by phone only. */
    codeKind: "id_last4" as const,
  };
}

const codeOf = (p: { idLast4: string | null; phone: string }) => (p.idLast4 ?? p.phone.slice(-4)).toUpperCase();

/** The family member proves the link is theirs with the last 4 of their ID number (5 tries an hour). */
export async function verifyFamilyLink(token: string, idLast4: string) {
  const participant = await usableLink(token);
  const db = await getDb();
  await db.$transaction((tx) => reserveApplyAttempt(tx, `visit-link:${participant.id}`, { max: LINK_CODE_TRIES_PER_HOUR, windowMs: 3600_000 }));
  const correct = codeOf(participant).length === 4 && safeEqual(codeOf(participant), idLast4.toUpperCase());
  await db.$transaction((tx) =>
    appendAuditEvent(tx, { userId: null, displayName: `visit link of ${participant.name}` }, {
      action: correct ? "visit.link_verified" : "visit.link_wrong_code",
      targetType: "VisitParticipant",
      targetId: participant.id,
      unitPath: participant.visit.facility.path,
      data: { visitId: participant.visitId },
    }),
  );
  if (!correct) throw new ValidationError("Wrong code: enter the last 4 characters of your ID number", { idLast4: "wrong_code" });
  return { verified: true as const, ticket: familyTicket(participant.id, participant.linkIssuedAt!) };
}

function assertTicket(participant: { id: string; linkIssuedAt: Date | null }, ticket: string) {
  if (!safeEqual(ticket, familyTicket(participant.id, participant.linkIssuedAt!))) throw new ForbiddenError("Enter the last 4 characters of your ID number first");
}

/**
 * The visitor's face, captured at home after the device check and kept with the visit (JPEG
 * only, by its bytes). A new snapshot (a second device, a retake) replaces the earlier one; the
 * audit chain keeps every hash.
 */
export async function storeHomeSnapshot(token: string, ticket: string, imageBase64: string) {
  const participant = await usableLink(token);
  assertTicket(participant, ticket);
  const bytes = Buffer.from(imageBase64, "base64");
  if (bytes.length > SNAPSHOT_MAX_BYTES) throw new ValidationError("The snapshot is too large", { imageBase64: "too_large" });
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) throw new ValidationError("The snapshot must be a JPEG image", { imageBase64: "unsupported_type" });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const db = await getDb();
  const at = new Date();
  await db.$transaction(async (tx) => {
    await tx.visitParticipant.update({
      where: { id: participant.id },
      data: { verifyMethod: "home_snapshot", verifiedAt: at, verifiedById: null, snapshotMime: "image/jpeg", snapshotBytes: bytes, snapshotSha256: sha256 },
    });
    await appendAuditEvent(tx, { userId: null, displayName: `visit link of ${participant.name}` }, {
      action: "visit.home_snapshot",
      targetType: "VisitParticipant",
      targetId: participant.id,
      unitPath: participant.visit.facility.path,
      data: { visitId: participant.visitId, sha256, bytes: bytes.length },
    });
  });
  return { stored: true as const, sha256 };
}

/** Verified and photographed: a participant token into the visit's waiting room, until the visit's end. */
export async function joinByFamilyLink(token: string, ticket: string) {
  const participant = await usableLink(token);
  assertTicket(participant, ticket);
  if (participant.verifyMethod !== "home_snapshot" || !participant.snapshotSha256) {
    throw new ConflictError("Take the photo of your face first", { snapshot: "missing" });
  }
  const db = await getDb();
  const { visit } = participant;
  const room = await db.$transaction((tx) => ensureVisitRoom(tx, visit, null));
  return visitGrant(room, visit, { identity: `visitor:${participant.id}`, name: participant.name, role: "participant", moderator: false, observer: false, lobby: waitsForStart(visit) });
}
