import type { Actor } from "../auth/actor.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";
import { checkInLinkToken } from "./checkin-link.ts";
import type { CheckInWindow } from "./windows.ts";

/**
 * A person's check-in plan as staff see it: windows, bound phones, the check-ins with their
 * points. The standing link is a credential: only officers and admins get it, never inspectors.
 */
export async function getCheckInPlan(actor: Actor, personId: string) {
  const person = await findPersonForFaces(actor, personId);
  const db = await getDb();
  const [plan, phones, checkIns] = await Promise.all([
    db.checkInPlan.findUnique({ where: { personId: person.id } }),
    db.phoneCredential.findMany({ where: { personId: person.id, revokedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, createdAt: true, lastUsedAt: true } }),
    db.selfCheckIn.findMany({ where: { personId: person.id }, orderBy: { at: "desc" }, take: 200, omit: { photo: true } }),
  ]);
  const mayHoldLink = actor.role === "admin" || actor.role === "officer";
  return {
    windows: (plan?.windows ?? []) as unknown as CheckInWindow[],
    link: plan && mayHoldLink ? `/c/${checkInLinkToken(config().appSecret, person.id, plan.linkVersion)}` : null,
    bindingOpenUntil: plan?.bindingOpenUntil && plan.bindingOpenUntil > new Date() ? plan.bindingOpenUntil.toISOString() : null,
    phones: phones.map((p) => ({ id: p.id, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null })),
    checkIns: checkIns.map((c) => ({
      id: c.id,
      at: c.at.toISOString(),
      windowKey: c.windowKey,
      status: c.status as "checked_in" | "pending",
      reasons: c.reasons as string[],
      latitude: c.latitude,
      longitude: c.longitude,
      accuracyMeters: c.accuracyMeters,
      distanceMeters: c.distanceMeters,
      bearingDegrees: c.bearingDegrees,
      faceMatch: c.faceMatch,
      liveness: c.liveness,
      decision: c.decision as "approved" | "rejected" | null,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      decisionNote: c.decisionNote,
      photoUrl: `/api/v1/persons/${person.id}/checkin/${c.id}/photo`,
    })),
  };
}
