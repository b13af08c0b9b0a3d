import { rm } from "node:fs/promises";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { deleteExpiredExports } from "./export/delete-expired-exports.ts";
import { recordingPath } from "./recordings-dir.ts";
import type { RetentionPolicy } from "./retention.ts";

const RETENTION_ACTOR = { userId: null, displayName: "recording retention job" };
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily retention job: every recording past its period (by the room's kind) and not on legal
 * hold is marked deleted and its file removed, each deletion in the audit chain. The mark is a
 * conditional update, so a legal hold placed at the same moment wins (the row lock orders them),
 * and two runs at once delete each file once. Then the exports composed from a deleted file
 * (`deleteExpiredExports`: same policy, never while a source is on legal hold).
 */
export async function deleteExpiredRecordings(prisma: PrismaClient, dir: string, policy: RetentionPolicy, now = new Date()) {
  const visitCutoff = new Date(now.getTime() - policy.visitDays * DAY_MS);
  const otherCutoff = new Date(now.getTime() - policy.otherDays * DAY_MS);
  const expired = await prisma.recording.findMany({
    where: {
      deletedAt: null,
      legalHold: false,
      OR: [
        { room: { kind: "visit" }, endedAt: { lt: visitCutoff } },
        { room: { kind: { not: "visit" } }, endedAt: { lt: otherCutoff } },
      ],
    },
    select: { id: true, file: true, sha256: true, endedAt: true, room: { select: { kind: true, unit: { select: { path: true } } } } },
    take: 10_000,
  });
  const deleted: string[] = [];
  for (const recording of expired) {
    const marked = await prisma.$transaction(async (tx) => {
      const { count } = await tx.recording.updateMany({ where: { id: recording.id, deletedAt: null, legalHold: false }, data: { deletedAt: now } });
      if (count === 0) return false;
      await appendAuditEvent(tx, RETENTION_ACTOR, {
        action: "recording.deleted",
        targetType: "Recording",
        targetId: recording.id,
        unitPath: recording.room.unit.path,
        data: { file: recording.file, sha256: recording.sha256, endedAt: recording.endedAt.toISOString(), kind: recording.room.kind },
      });
      return true;
    });
    if (!marked) continue;
    const full = recordingPath(dir, recording.file);
    await rm(full, { force: true });
    await rm(`${full}.json`, { force: true });
    deleted.push(recording.file);
  }
  const exports = await deleteExpiredExports(prisma, dir, now);
  return { deleted, exportsDeleted: exports.deleted };
}
