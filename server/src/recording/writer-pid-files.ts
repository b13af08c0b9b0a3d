import { mkdir, readdir, readFile, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../observability/logger.ts";

/**
 * A pid file per running writer (RECORDINGS_DIR/.writers/<pid>.json), so a node that starts after
 * one was killed (SIGKILL, OOM, power cut of the process) can stop the writers the dead one left:
 * every such kill left gst-launch processes listening on their ports and holding their files.
 * The writers usually end by themselves (die-with-parent.ts); this is for when they did not.
 *
 * A pid alone names nothing for good (pids are reused), so each file also holds the writer's start
 * time (/proc/<pid>/stat field 22) and its file (`location=` on its command line), and its node's
 * pid, start time and host: a writer is stopped only if that same process still runs, and only if
 * its node does not (two nodes may share a RECORDINGS_DIR; another machine's writers are not ours).
 */
/** A node process for good: its pid, its start time and its machine. */
export interface NodeIdentity {
  pid: number;
  startTicks: string;
  host: string;
}

export interface WriterPidFile {
  pid: number;
  startTicks: string;
  location: string;
  owner: NodeIdentity;
}

/** How long a left writer gets to finish its file (end-of-stream on SIGINT) before SIGKILL. */
const STOP_GRACE_MS = 5000;

export function writersDir(recordingsDir: string): string {
  return path.join(recordingsDir, ".writers");
}

let self: NodeIdentity | undefined;

/** This node process. */
export async function thisNode(): Promise<NodeIdentity> {
  self ??= { pid: process.pid, startTicks: (await processState(process.pid))?.startTicks ?? "", host: os.hostname() };
  return self;
}

/**
 * Whether that node still runs (this one included), as far as this machine can tell: another
 * machine's node (a shared volume) counts as running, since its processes cannot be seen from here.
 */
export async function nodeIsRunning(node: NodeIdentity): Promise<boolean> {
  if (node.host !== os.hostname()) return true;
  const state = await processState(node.pid);
  return state !== null && state.startTicks === node.startTicks && state.state !== "Z";
}

/** Written once the writer is spawned; `location` is the file on its command line. */
export async function registerWriter(recordingsDir: string, pid: number, location: string): Promise<void> {
  const state = await processState(pid);
  if (!state) return; // already gone
  const entry: WriterPidFile = { pid, startTicks: state.startTicks, location, owner: await thisNode() };
  await mkdir(writersDir(recordingsDir), { recursive: true });
  await writeFile(path.join(writersDir(recordingsDir), `${pid}.json`), JSON.stringify(entry));
}

export async function unregisterWriter(recordingsDir: string, pid: number): Promise<void> {
  await unlink(path.join(writersDir(recordingsDir), `${pid}.json`)).catch(() => {});
}

/**
 * At node start: stops every writer an earlier node of this RECORDINGS_DIR left running (SIGINT,
 * so its file ends cleanly; SIGKILL after a grace) and forgets the pid files of writers that are
 * gone. Returns how many it stopped.
 */
export async function stopLeftWriters(recordingsDir: string, logger: Logger): Promise<number> {
  const dir = writersDir(recordingsDir);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".json"));
  const stopping: Array<Promise<void>> = [];
  for (const name of names) {
    let entry: WriterPidFile;
    try {
      entry = JSON.parse(await readFile(path.join(dir, name), "utf8")) as WriterPidFile;
    } catch {
      continue; // being written by a live node right now, or damaged: not a reason to kill anything
    }
    if (await nodeIsRunning(entry.owner)) continue; // this node's, another live node's, another machine's
    // A writer prepared ahead and never taken wrote nothing: its hidden file goes with it.
    const forget = async () => {
      await unregisterWriter(recordingsDir, entry.pid);
      if (path.basename(entry.location).startsWith(".warm-")) await unlink(entry.location).catch(() => {});
    };
    if (await isThatWriter(entry)) {
      logger.warn({ pid: entry.pid, file: entry.location, node: entry.owner.pid }, "stopping a recording writer an earlier node left running");
      stopping.push(stopProcess(entry).then(forget));
    } else {
      await forget();
    }
  }
  await Promise.all(stopping);
  return stopping.length;
}

/** The same process (pid and start time), still running, and a writer of that file. */
async function isThatWriter(entry: WriterPidFile): Promise<boolean> {
  const state = await processState(entry.pid);
  if (!state || state.state === "Z" || state.startTicks !== entry.startTicks) return false;
  const argv = (await readFile(`/proc/${entry.pid}/cmdline`, "utf8").catch(() => "")).split("\0");
  return path.basename(argv[0] ?? "") === "gst-launch-1.0" && argv.includes(`location=${entry.location}`);
}

async function stopProcess(entry: WriterPidFile): Promise<void> {
  const gone = async () => !(await isThatWriter(entry));
  try {
    process.kill(entry.pid, "SIGINT");
  } catch {
    return;
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  while (Date.now() < deadline) {
    if (await gone()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!(await gone())) {
    try {
      process.kill(entry.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

/** State letter and start time (clock ticks after boot) of a process, from /proc/<pid>/stat. */
export async function processState(pid: number): Promise<{ state: string; startTicks: string } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (!stat) return null;
  // After "(comm)" come field 3 (state) onwards; the command name may itself hold spaces or ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", startTicks: fields[19] ?? "" };
}
