import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import type { FaceMatchResult } from "../faces/compare-snapshot.ts";
import { attachmentUrl } from "./attachment-url.ts";
import { consoleRole } from "./console-role.ts";
import { makeUpClosesAt } from "./make-up-window.ts";
import { countStatuses } from "./count-statuses.ts";
import { personalLinkToken } from "./personal-link.ts";
import { toRollCallSummary } from "./to-roll-call-summary.ts";

export async function findRollCallInScope(actor: Actor, rollCallId: string) {
  const db = await getDb();
  const rollCall = await db.rollCall.findFirst({
    where: { id: rollCallId, unit: subtreeFilter(actor) },
    include: { unit: { select: { name: true, path: true } } },
  });
  if (!rollCall) throw new NotFoundError("Roll call not found");
  return rollCall;
}

/**
 * A roll call with its roster: each person's status, and their personal link for whoever runs
 * the roll call. A link (with the ID number's last 4) lets anyone join as that person, so
 * superiors and inspectors, who only read the record, never receive one.
 */
export async function getRollCallDetail(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  const runs = consoleRole(actor, rollCall) === "host";
  const db = await getDb();
  const entries = await db.rollCallEntry.findMany({
    where: { rollCallId },
    include: {
      person: { select: { name: true, unit: { select: { name: true } } } },
      evidence: { select: { id: true, faceMatch: true }, orderBy: { takenAt: "desc" }, take: 1 },
      attachments: { select: { id: true, mimeType: true, sha256: true, size: true, uploadedAt: true }, orderBy: { uploadedAt: "asc" } },
    },
    orderBy: { person: { name: "asc" } },
  });
  const counts = await countStatuses(db, [rollCallId]);
  const staff = await staffNames(entries.flatMap((entry) => [entry.markedById, entry.makeUpById]));
  const closesAt = makeUpClosesAt(rollCall);
  const now = new Date();
  return {
    ...toRollCallSummary(rollCall, counts.get(rollCallId)!),
    makeUpClosesAt: closesAt?.toISOString() ?? null,
    entries: entries.map((entry) => ({
      id: entry.id,
      personId: entry.personId,
      personName: entry.person.name,
      unitName: entry.person.unit.name,
      status: entry.status,
      joinedAt: entry.joinedAt?.toISOString() ?? null,
      leftAt: entry.leftAt?.toISOString() ?? null,
      markedAt: entry.markedAt?.toISOString() ?? null,
      calledAt: entry.calledAt?.toISOString() ?? null,
      challenge: entry.challengeKind && entry.challengeValue ? { kind: entry.challengeKind, value: entry.challengeValue, result: entry.challengeResult } : null,
      answeredAt: entry.answeredAt?.toISOString() ?? null,
      evidenceUrl: entry.evidence[0] ? `/api/v1/rollcalls/${rollCallId}/entries/${entry.id}/evidence/${entry.evidence[0].id}` : null,
      faceMatch: faceMatchOf(entry.evidence[0]?.faceMatch),
      link: runs ? `/r/${personalLinkToken(config().appSecret, entry.id, entry.linkVersion)}` : null,
      linkExpiresAt: entry.linkExpiresAt.toISOString(),
      linkState: linkState(entry, now),
      remark: entry.markRemark,
      excuseReason: entry.excuseReason,
      // The clock's 迟到 and the end's 缺席 carry no officer.
      markedBy: entry.markedById ? (staff.get(entry.markedById) ?? null) : null,
      makeUp: entry.makeUpStatus
        ? { status: entry.makeUpStatus, at: entry.makeUpAt!.toISOString(), by: entry.makeUpById ? (staff.get(entry.makeUpById) ?? null) : null }
        : null,
      attachments: entry.attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString(), url: attachmentUrl(rollCallId, entry.id, a.id) })),
    })),
  };
}

/** Staff by display name, as the record is signed (not their login names). */
async function staffNames(ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const db = await getDb();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((user) => [user.id, user.displayName]));
}

/** The latest snapshot's face match, or null when it was not compared (stored as {}). */
function faceMatchOf(stored: unknown): FaceMatchResult | null {
  return stored && typeof stored === "object" && "status" in stored ? (stored as FaceMatchResult) : null;
}

function linkState(entry: { linkRevokedAt: Date | null; lockedAt: Date | null; linkExpiresAt: Date }, now: Date): "revoked" | "locked" | "expired" | "active" {
  return entry.linkRevokedAt ? "revoked" : entry.lockedAt ? "locked" : entry.linkExpiresAt <= now ? "expired" : "active";
}
