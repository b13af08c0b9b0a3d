import { rm } from "node:fs/promises";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { recordingPath } from "../recordings-dir.ts";

const RETENTION_ACTOR = { userId: null, displayName: "recording retention job" };

/**
 * An export is a copy of its sources, so it lives by their policy: once the retention job has
 * deleted any file it was composed from, its MP4 goes too (the copy would otherwise keep what the
 * period let go), unless any of its sources is on legal hold, which keeps the whole composite.
 * The row stays with state `deleted`, its path and hash (the record that it existed); the
 * deletion is in the audit chain. Under the sources' row locks, so a legal hold placed at the same
 * moment (an update of one of those rows) either comes first and keeps the file, or after.
 */
export async function deleteExpiredExports(prisma: PrismaClient, dir: string, now = new Date()) {
  const done = await prisma.recordingExport.findMany({
    where: { state: "done", file: { not: null } },
    select: { id: true, roomId: true, file: true, sha256: true, sources: true },
    take: 10_000,
  });
  const sourcesOf = (row: { sources: unknown }) => (Array.isArray(row.sources) ? row.sources.filter((id): id is string => typeof id === "string") : []);
  const gone = new Set(
    (await prisma.recording.findMany({ where: { id: { in: [...new Set(done.flatMap(sourcesOf))] }, deletedAt: { not: null } }, select: { id: true } })).map((r) => r.id),
  );
  const deleted: string[] = [];
  for (const row of done) {
    const sources = sourcesOf(row);
    if (!sources.some((id) => gone.has(id))) continue;
    const marked = await prisma.$transaction(async (tx) => {
      // One source at a time, in id order (as any other holder of several would take them).
      for (const id of [...sources].sort()) {
        const [source] = await tx.$queryRaw<Array<{ legalHold: boolean }>>`SELECT "legalHold" FROM "Recording" WHERE id = ${id} FOR UPDATE`;
        if (source?.legalHold) return false;
      }
      const { count } = await tx.recordingExport.updateMany({ where: { id: row.id, state: "done" }, data: { state: "deleted" } });
      if (count === 0) return false;
      const room = await tx.room.findUniqueOrThrow({ where: { id: row.roomId }, select: { unit: { select: { path: true } } } });
      await appendAuditEvent(tx, RETENTION_ACTOR, {
        action: "recording.export_deleted",
        targetType: "Room",
        targetId: row.roomId,
        unitPath: room.unit.path,
        data: { exportId: row.id, file: row.file, sha256: row.sha256, at: now.toISOString() },
      });
      return true;
    });
    if (!marked) continue;
    await rm(recordingPath(dir, row.file!), { force: true });
    deleted.push(row.file!);
  }
  return { deleted };
}
