import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, ForbiddenError } from "../errors.ts";
import { compareSnapshot, SNAPSHOT_MIN_SCORE, type FaceMatchResult } from "../faces/compare-snapshot.ts";
import { decodeJpegUpload } from "../faces/decode-jpeg-upload.ts";
import { mainFace } from "../faces/main-face.ts";
import { scanOrRefuse } from "../faces/scan-or-refuse.ts";
import { findPlanByToken } from "./find-plan-by-token.ts";
import { judgeLocation } from "./judge-location.ts";
import { judgeTurn, type TurnDirection } from "./liveness.ts";
import { challengeOf } from "./phone-registration.ts";
import { relyingParty } from "./relying-party.ts";
import { takeChallenge } from "./take-challenge.ts";
import { openWindowAt } from "./windows.ts";

export interface CheckInSubmission {
  challengeId: string;
  assertion: AuthenticationResponseJSON;
  frames: { straight: string; turned: string };
  location: { latitude: number; longitude: number; accuracyMeters: number } | null;
}

export type CheckInReason = "face_review" | "face_mismatch" | "liveness_failed" | "no_location" | "no_residence_area" | "outside_area";

const linkActor = (name: string) => ({ userId: null, displayName: `check-in link of ${name}` });

/**
 * A self check-in (自助报到): the bound phone's signed assertion (single-use challenge, counter),
 * the liveness turn, the face against the enrolment and the position against the residence
 * area. All good: 已报到 (checked_in). Anything else: pending for the officer, with the reasons.
 * One check-in per person and window: the unique key refuses a second, even sent at once.
 */
export async function submitCheckIn(token: string, request: Request, input: CheckInSubmission) {
  const plan = await findPlanByToken(token);
  const window = openWindowAt(plan.windows, new Date());
  if (!window) throw new ConflictError("Check-in is not open now: come back in your check-in time", { window: "closed" });
  const straight = decodeJpegUpload(input.frames.straight, "frames.straight");
  const turned = decodeJpegUpload(input.frames.turned, "frames.turned");
  const rp = relyingParty(request);
  const db = await getDb();

  // 1. The phone: verified and its challenge used up before anything slow happens.
  const { credentialId, liveness } = await db.$transaction(async (tx) => {
    const phone = await tx.phoneCredential.findFirst({ where: { personId: plan.personId, credentialId: input.assertion.id, revokedAt: null } });
    if (!phone) throw new ForbiddenError("This phone is not bound to your check-in link", { phone: "not_bound" });
    await tx.$queryRaw`SELECT 1 FROM "PhoneCredential" WHERE id = ${phone.id} FOR UPDATE`;
    const current = await tx.phoneCredential.findUniqueOrThrow({ where: { id: phone.id } });
    const clientChallenge = challengeOf(input.assertion.response.clientDataJSON);
    const challenge = await takeChallenge(tx, plan.personId, "checkin", clientChallenge);
    if (challenge.id !== input.challengeId) throw new ForbiddenError("This request has expired or was already used: start again", { challenge: "used_or_expired" });
    const verification = await verifyAuthenticationResponse({
      response: input.assertion,
      expectedChallenge: clientChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
      credential: { id: current.credentialId, publicKey: new Uint8Array(current.publicKey), counter: Number(current.counter), transports: current.transports as never },
    }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
    if (!verification.verified || !verification.authenticationInfo) throw new ForbiddenError("The phone's fingerprint or face check could not be verified", { assertion: "not_verified" });
    await tx.phoneCredential.update({ where: { id: phone.id }, data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: new Date() } });
    return { credentialId: current.credentialId, liveness: challenge.liveness as TurnDirection };
  });

  // 2. The face and the liveness turn, in the face engine's worker (seconds under load, no lock held).
  const faceMatch: FaceMatchResult = await compareSnapshot(plan.personId, straight.bytes);
  const straightYaw = mainFace(await scanOrRefuse(straight.bytes, SNAPSHOT_MIN_SCORE, "frames.straight"))?.yaw ?? null;
  const turnedYaw = mainFace(await scanOrRefuse(turned.bytes, SNAPSHOT_MIN_SCORE, "frames.turned"))?.yaw ?? null;
  const livenessResult = judgeTurn(liveness, straightYaw, turnedYaw);

  // 3. Where.
  const area = await db.residenceArea.findUnique({ where: { personId: plan.personId } });
  const place = judgeLocation(input.location, area);

  const reasons: CheckInReason[] = [];
  if (faceMatch.status !== "compared" || faceMatch.verdict === "review") reasons.push("face_review");
  else if (faceMatch.verdict === "fail") reasons.push("face_mismatch");
  if (livenessResult.result === "failed") reasons.push("liveness_failed");
  if (place.reason) reasons.push(place.reason);
  const status = reasons.length === 0 ? "checked_in" : "pending";

  return db
    .$transaction(async (tx) => {
      const created = await tx.selfCheckIn.create({
        data: {
          personId: plan.personId,
          windowKey: window.key,
          status,
          reasons,
          latitude: input.location?.latitude ?? null,
          longitude: input.location?.longitude ?? null,
          accuracyMeters: input.location?.accuracyMeters ?? null,
          distanceMeters: place.distanceMeters,
          bearingDegrees: place.bearingDegrees,
          photo: straight.bytes,
          sha256: straight.sha256,
          faceMatch,
          liveness: { ...livenessResult, turnedSha256: turned.sha256 },
          credentialId,
        },
      });
      await appendAuditEvent(tx, linkActor(plan.person.name), {
        action: "checkin.self",
        targetType: "SupervisedPerson",
        targetId: plan.personId,
        unitPath: plan.person.unit.path,
        data: { checkInId: created.id, windowKey: window.key, status, reasons, sha256: straight.sha256, distanceMeters: place.distanceMeters, face: "score" in faceMatch ? faceMatch.score : faceMatch.status, liveness: livenessResult.result },
      });
      return { id: created.id, status, reasons, at: created.at.toISOString() };
    })
    .catch(duplicateAs(() => new ConflictError("You have already checked in for this time", { window: "already_checked_in" })));
}
