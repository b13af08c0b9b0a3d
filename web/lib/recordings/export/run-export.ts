import { spawn } from "node:child_process";
import { mkdir, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import type { Tx } from "../../db/transaction.ts";
import { fileDigest } from "../file-digest.ts";
import { recordingPath } from "../recordings-dir.ts";
import { alignableFile, alignFiles } from "../track-alignment.ts";
import { composeCommand, progressPercent, type ExportSource } from "./compose-command.ts";

type Db = Pick<Tx, "recordingExport" | "recording"> & { $transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> };
type Job = { id: string; roomId: string; sources: unknown };

const HEARTBEAT_MS = 5_000;
const PROGRESS_WRITE_MS = 1_000;
/** Below the portal's request handling: the export may take a core for minutes. */
const NICENESS = 10;

/**
 * Runs one claimed export: ffmpeg in a child process (never in the portal's event loop, never on
 * the media node), progress from its `-progress` lines written to the job row about once a second,
 * a heartbeat while it runs (a job whose heartbeat stops is queued again), and at the end the
 * file's SHA-256 in the audit chain (`recording.exported`) in the same transaction that marks the
 * job done. Written beside the originals (`exports/<room>/<id>.mp4`) under a temporary name first,
 * so a half-written export is never served. Every write is conditional on this runner still
 * holding the job.
 */
export async function runExportJob(db: Db, job: Job, runner: string, dir: string, onProgress?: (percent: number) => void): Promise<"done" | "failed" | "lost"> {
  const ids = Array.isArray(job.sources) ? (job.sources as string[]) : [];
  const recordings = await db.recording.findMany({
    where: { id: { in: ids }, deletedAt: null },
    select: {
      id: true,
      file: true,
      kind: true,
      identity: true,
      source: true,
      firstPacketAt: true,
      durationMs: true,
      node: true,
      clockRate: true,
      firstRtpTimestamp: true,
      sync: true,
      room: { select: { unit: { select: { path: true } } } },
    },
  });
  const mine = { id: job.id, runner, state: "running" };
  const fail = async (error: string) => {
    const { count } = await db.recordingExport.updateMany({ where: mine, data: { state: "failed", finishedAt: new Date(), error: error.slice(0, 500) } });
    return count > 0 ? ("failed" as const) : ("lost" as const);
  };
  if (recordings.length !== ids.length || recordings.length === 0) return fail("recording_deleted");
  // Placed as the playback page places them (from the node's sender reports when it has them).
  const placements = alignFiles(recordings.map(alignableFile));
  const startOf = (id: string) => placements.get(id)!.startAt!;
  const startedAt = Math.min(...recordings.map((r) => startOf(r.id)));
  const sources: ExportSource[] = recordings.map((r) => ({
    path: recordingPath(dir, r.file),
    kind: r.kind === "audio" ? "audio" : "video",
    trackKey: `${r.identity}/${r.source}`,
    offsetMs: Math.round(startOf(r.id) - startedAt),
    durationMs: r.durationMs,
  }));
  const file = path.posix.join("exports", job.roomId.replace(/[^A-Za-z0-9_-]/g, "_"), `${job.id}.mp4`);
  const full = recordingPath(dir, file);
  const partial = `${full}.part`;
  await mkdir(path.dirname(full), { recursive: true });
  const plan = composeCommand(sources, partial);

  const outcome = await new Promise<{ code: number | null; error: string | null; lost: boolean }>((resolve) => {
    const child = spawn("ffmpeg", plan.args, { stdio: ["ignore", "pipe", "pipe"] });
    let lost = false;
    let lastWrite = 0;
    let percent = 0;
    const tail: string[] = [];
    const beat = async (data: { progress?: number } = {}) => {
      const { count } = await db.recordingExport.updateMany({ where: mine, data: { heartbeatAt: new Date(), ...data } });
      // Another runner holds it now (we were silent too long): stop rather than write twice.
      if (count === 0 && !lost) {
        lost = true;
        child.kill("SIGKILL");
      }
    };
    const heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
    child.once("spawn", () => {
      try {
        os.setPriority(child.pid!, NICENESS);
      } catch {
        // Not allowed here: it still runs, at normal priority.
      }
    });
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      const next = progressPercent(line, plan.totalMs);
      if (next === null || next <= percent) return;
      percent = next;
      onProgress?.(percent);
      if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) {
        lastWrite = Date.now();
        void beat({ progress: percent }).catch(() => {});
      }
    });
    readline.createInterface({ input: child.stderr }).on("line", (line) => {
      tail.push(line);
      if (tail.length > 5) tail.shift();
    });
    child.once("error", (error) => {
      clearInterval(heartbeat);
      resolve({ code: null, error: (error as NodeJS.ErrnoException).code === "ENOENT" ? "ffmpeg_missing" : String(error), lost });
    });
    child.once("close", (code) => {
      clearInterval(heartbeat);
      resolve({ code, error: code === 0 ? null : `ffmpeg exited with ${code}: ${tail.join(" | ")}`, lost });
    });
  });

  if (outcome.lost) {
    await rm(partial, { force: true });
    return "lost";
  }
  if (outcome.error) {
    await rm(partial, { force: true });
    return fail(outcome.error);
  }
  await rename(partial, full);
  const digest = await fileDigest(full);
  const unitPath = recordings[0]!.room.unit.path;
  const done = await db.$transaction(async (tx) => {
    const { count } = await tx.recordingExport.updateMany({
      where: mine,
      data: { state: "done", progress: 100, finishedAt: new Date(), heartbeatAt: new Date(), file, sizeBytes: BigInt(digest.sizeBytes), sha256: digest.sha256 },
    });
    if (count === 0) return false;
    await appendAuditEvent(tx, { userId: null, displayName: `recording export ${runner}` }, {
      action: "recording.exported",
      targetType: "Room",
      targetId: job.roomId,
      unitPath,
      data: { exportId: job.id, file, sha256: digest.sha256, sizeBytes: digest.sizeBytes, files: recordings.length, durationMs: plan.totalMs },
    });
    return true;
  });
  if (!done) {
    await rm(full, { force: true });
    return "lost";
  }
  onProgress?.(100);
  return "done";
}
