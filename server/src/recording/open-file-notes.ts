import { readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../observability/logger.ts";
import { fileDigest } from "./file-digest.ts";
import type { RecordingFileReport } from "./recording-report.ts";
import { nodeIsRunning, thisNode, type NodeIdentity } from "./writer-pid-files.ts";
import { writeWhole } from "./write-whole.ts";

/**
 * What is known of a recording file while it is written, kept beside it as `<file>.open` (JSON,
 * but not named `.json`: that is the closed file's report) until the file closes (then
 * `<file>.json`, the full report, replaces it). A node killed while
 * writing never closes its files: its writers finish them (die-with-parent.ts) but nobody reports
 * them, and the portal would never hear of evidence that exists. The next node that starts on the
 * folder turns each note whose node is gone into a report (`endReason: "node_died"`, ended when the
 * file was last written) and sends it like any other.
 */
export interface OpenFileNote extends Omit<RecordingFileReport, "sizeBytes" | "sha256" | "endedAt" | "durationMs" | "endReason"> {
  owner: NodeIdentity;
}

const NOTE = ".open";

export function notePath(fullPath: string): string {
  return `${fullPath}${NOTE}`;
}

export async function writeOpenNote(fullPath: string, note: Omit<OpenFileNote, "owner">): Promise<void> {
  const target = notePath(fullPath);
  await writeWhole(target, JSON.stringify({ ...note, owner: await thisNode() }));
}

export async function removeOpenNote(fullPath: string): Promise<void> {
  await unlink(notePath(fullPath)).catch(() => {});
}

/**
 * At node start (after left writers were stopped, so their files are finished): a report for each
 * file an earlier node of this folder left open, written beside it as `<file>.json`. A note of a
 * node that still runs (another node sharing the folder) is left alone.
 */
export async function recoverOpenFiles(recordingsDir: string, logger: Logger): Promise<RecordingFileReport[]> {
  const reports: RecordingFileReport[] = [];
  const rooms = await readdir(recordingsDir, { withFileTypes: true }).catch(() => []);
  for (const room of rooms) {
    if (!room.isDirectory() || room.name.startsWith(".")) continue;
    const names = await readdir(path.join(recordingsDir, room.name)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(NOTE))) {
      const fullPath = path.join(recordingsDir, room.name, name.slice(0, -NOTE.length));
      let note: OpenFileNote;
      try {
        note = JSON.parse(await readFile(notePath(fullPath), "utf8")) as OpenFileNote;
      } catch {
        continue; // being written by a live node, or damaged: kept for a person
      }
      if (await nodeIsRunning(note.owner)) continue;
      const closed = await stat(`${fullPath}.json`).catch(() => null);
      if (closed) {
        // Closed and reported; the note outlived it by a moment.
        await removeOpenNote(fullPath);
        continue;
      }
      const file = await stat(fullPath).catch(() => null);
      if (!file) {
        logger.error({ file: note.file }, "a recording file its node left open is gone; it cannot be reported");
        continue;
      }
      const digest = await fileDigest(fullPath);
      const endedAt = file.mtimeMs;
      const firstPacketAt = note.firstPacketAt === null ? null : Date.parse(note.firstPacketAt);
      const { owner: _owner, ...known } = note;
      const report: RecordingFileReport = {
        ...known,
        ...digest,
        endedAt: new Date(endedAt).toISOString(),
        durationMs: firstPacketAt === null ? 0 : Math.max(0, Math.round(endedAt - firstPacketAt)),
        endReason: "node_died",
      };
      await writeFile(`${fullPath}.json`, `${JSON.stringify(report, null, 2)}\n`);
      await removeOpenNote(fullPath);
      logger.warn({ file: note.file, sizeBytes: digest.sizeBytes }, "reporting a recording file an earlier node left open");
      reports.push(report);
    }
  }
  return reports;
}
