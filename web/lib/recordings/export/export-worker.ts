import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb } from "../../db/client.ts";
import { recordingsDir } from "../recordings-dir.ts";
import { claimExportJob } from "./claim-export.ts";
import { runExportJob } from "./run-export.ts";

/** How often an idle portal looks for a queued export (another portal's, or one left by a restart). */
const POLL_MS = 15_000;

interface WorkerState {
  runner: string;
  started: boolean;
  busy: boolean;
  timer?: NodeJS.Timeout;
}

// On globalThis: `next start` evaluates a module once per entry, and the instrumentation hook that
// starts the worker and the route that kicks it must see the same one.
const state: WorkerState = ((globalThis as { __ygavExportWorker?: WorkerState }).__ygavExportWorker ??= {
  runner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  started: false,
  busy: false,
});

/** Claims and runs queued exports one after another until none is left (or another runner holds the slot). */
export async function runExportJobs(dir = recordingsDir(), onProgress?: (exportId: string, percent: number) => void): Promise<number> {
  const db = await getDb();
  let ran = 0;
  for (;;) {
    const job = await claimExportJob(db, state.runner);
    if (!job) return ran;
    ran++;
    const outcome = await runExportJob(db, job, state.runner, dir, onProgress && ((percent) => onProgress(job.id, percent)));
    console.log(`[recordings] export ${job.id}: ${outcome}`);
  }
}

/** Starts this portal's export runner (from instrumentation.ts): a look every 15 s, and at once when asked. */
export function startExportWorker(): () => void {
  state.started = true;
  state.timer = setInterval(kickExportWorker, POLL_MS);
  state.timer.unref();
  kickExportWorker();
  return () => {
    state.started = false;
    clearInterval(state.timer);
  };
}

/** A job was queued here: run it now rather than at the next look (a no-op where no runner was started). */
export function kickExportWorker(): void {
  if (!state.started || state.busy) return;
  state.busy = true;
  void runExportJobs()
    .catch((error) => console.error(`[recordings] export runner: ${String(error)}`))
    .finally(() => {
      state.busy = false;
    });
}
