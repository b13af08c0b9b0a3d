import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { toVisitSummary, visitSummaryInclude } from "./to-visit-summary.ts";
import { visitScopeWhere } from "./visit-access.ts";

/**
 * One visit with its participants (verification steps), warnings and how it ended: the visit
 * record. `facilitySide` tells the page whether the actor may see the proof and decide.
 */
export async function getVisit(actor: Actor, id: string) {
  const db = await getDb();
  const visit = await db.visit.findFirst({
    where: { id, ...visitScopeWhere(actor) },
    include: {
      ...visitSummaryInclude,
      participants: { orderBy: { createdAt: "asc" } },
      warnings: { orderBy: { at: "asc" } },
      facility: { select: { id: true, name: true, path: true } },
    },
  });
  if (!visit) throw new NotFoundError("No such visit");
  const facilitySide = visit.facility.path.startsWith(actor.unitPath);
  const userIds = [visit.decidedById, visit.endedById, ...visit.participants.map((p) => p.verifiedById), ...visit.warnings.map((w) => w.byId)].filter(
    (x): x is string => Boolean(x),
  );
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  const durationSeconds = visit.startedAt && visit.endedAt ? Math.round((visit.endedAt.getTime() - visit.startedAt.getTime()) / 1000) : null;
  return {
    ...toVisitSummary({ ...visit, facility: { id: visit.facility.id, name: visit.facility.name } }),
    version: visit.version,
    facilitySide,
    mustRecord: visit.mustRecord,
    /** The media room of its day (its recordings' playback page); null before anyone opened it. */
    roomId: visit.roomId,
    hasProof: facilitySide && visit.proofBytes !== null,
    proofMime: facilitySide ? visit.proofMime : null,
    decidedBy: visit.decidedById ? (users.get(visit.decidedById) ?? null) : null,
    decidedAt: visit.decidedAt?.toISOString() ?? null,
    rejectReason: visit.rejectReason,
    socialWorker: visit.socialWorker,
    startedAt: visit.startedAt?.toISOString() ?? null,
    endedAt: visit.endedAt?.toISOString() ?? null,
    endedBy: visit.endedById ? (users.get(visit.endedById) ?? null) : null,
    endReason: visit.endReason,
    durationSeconds,
    participants: visit.participants.map((p) => ({
      id: p.id,
      role: p.role,
      name: p.name,
      relationship: p.relationship,
      idNumberMasked: p.idNumberMasked,
      verifyMethod: p.verifyMethod,
      verifiedAt: p.verifiedAt?.toISOString() ?? null,
      verifiedBy: p.verifiedById ? (users.get(p.verifiedById) ?? null) : null,
      hasSnapshot: p.snapshotSha256 !== null,
      /** Whether a personal link is out (never the link itself: it is shown once, when issued). */
      link: p.linkRevokedAt ? ("revoked" as const) : p.linkIssuedAt ? ("issued" as const) : ("none" as const),
      joinedAt: p.joinedAt?.toISOString() ?? null,
      leftAt: p.leftAt?.toISOString() ?? null,
    })),
    warnings: visit.warnings.map((w) => ({ at: w.at.toISOString(), by: w.byId ? (users.get(w.byId) ?? null) : null, text: w.text })),
  };
}

/** The proof of relationship, for the facility side only (the hosting center never sees it). */
export async function getVisitProof(actor: Actor, id: string) {
  const db = await getDb();
  const visit = await db.visit.findFirst({ where: { id, facility: { path: { startsWith: actor.unitPath } } }, select: { proofBytes: true, proofMime: true, proofSha256: true } });
  if (!visit?.proofBytes || !visit.proofMime) throw new NotFoundError("No proof");
  return { bytes: Buffer.from(visit.proofBytes), mime: visit.proofMime, sha256: visit.proofSha256 ?? "" };
}
