import { z } from "zod";
import { getDb } from "../db/client.ts";
import { deleteExpiredRecordings } from "./delete-expired-recordings.ts";
import { recordingsDir } from "./recordings-dir.ts";
import { retentionPolicy } from "./retention.ts";

const ZScheduleEnv = z.object({
  /** Hours between runs; 0 turns the in-portal job off (cron or a systemd timer runs `npm run recordings:retention`). */
  RECORDING_RETENTION_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 7).default(24),
});

/** The first run waits this long after start, so a portal that starts does its own work first. */
const FIRST_RUN_DELAY_MS = 5 * 60 * 1000;

/**
 * The retention job running by itself inside the portal process: the embedded database (PGlite)
 * belongs to that process alone, so a cron job could not open it while the portal runs. Several
 * portal replicas each run it; a deletion is a conditional update, so every file is still deleted
 * once and audited once. Returns a stop function (tests), or null when turned off.
 */
export function scheduleRecordingRetention(env: Record<string, string | undefined> = process.env, log: (line: string) => void = console.log): (() => void) | null {
  const { RECORDING_RETENTION_INTERVAL_HOURS: hours } = ZScheduleEnv.parse(env);
  if (hours === 0) return null;
  // Fail at start on a bad period, not at 3 a.m. a day later.
  const policy = retentionPolicy(env);
  const run = async () => {
    try {
      const { deleted, exportsDeleted } = await deleteExpiredRecordings(await getDb(), recordingsDir(env), policy);
      if (deleted.length + exportsDeleted.length > 0) log(`[recordings] retention deleted ${deleted.length} file(s) and ${exportsDeleted.length} export(s)`);
    } catch (error) {
      // The next run tries again: every row still due is picked up then.
      console.error(`[recordings] retention run failed: ${String(error)}`);
    }
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void run();
    interval = setInterval(() => void run(), hours * 60 * 60 * 1000);
    interval.unref();
  }, FIRST_RUN_DELAY_MS);
  first.unref();
  return () => {
    clearTimeout(first);
    if (interval) clearInterval(interval);
  };
}
