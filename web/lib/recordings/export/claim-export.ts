import type { Tx } from "../../db/transaction.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";

/** A runner silent this long has died with its portal: its job is queued again. */
export const EXPORT_STALE_MS = 60_000;
/** A job whose runners died this many times fails instead of taking the next runner down too. */
const MAX_ATTEMPTS = 3;

type Db = Pick<Tx, "recordingExport">;

/**
 * Takes the oldest queued export for `runner`, or nothing. The database decides: the claim is a
 * conditional update from `queued`, and the partial unique index lets one row be `running` in the
 * whole deployment, so of two portals (or two timers) claiming at once one gets the job and the
 * other gets nothing, even for two different jobs.
 */
export async function claimExportJob(db: Db, runner: string, now = new Date()) {
  const stale = new Date(now.getTime() - EXPORT_STALE_MS);
  await db.recordingExport.updateMany({
    where: { state: "running", heartbeatAt: { lt: stale }, attempts: { gte: MAX_ATTEMPTS } },
    data: { state: "failed", runner: null, finishedAt: now, error: "export_interrupted" },
  });
  await db.recordingExport.updateMany({ where: { state: "running", heartbeatAt: { lt: stale } }, data: { state: "queued", runner: null, progress: 0 } });
  // Ties (two rooms requested in the same millisecond) by id, so that every runner sees one order
  // and a dead runner's job, queued again, is the next one taken.
  const next = await db.recordingExport.findFirst({
    where: { state: "queued" },
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (!next) return null;
  try {
    const { count } = await db.recordingExport.updateMany({
      where: { id: next.id, state: "queued" },
      data: { state: "running", runner, heartbeatAt: now, startedAt: now, progress: 0, attempts: { increment: 1 } },
    });
    if (count === 0) return null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  return db.recordingExport.findUniqueOrThrow({ where: { id: next.id } });
}
