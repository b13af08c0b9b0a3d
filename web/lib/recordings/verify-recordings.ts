import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { PrismaClient } from "../db/generated/client.ts";
import { recordingPath } from "./recordings-dir.ts";

export interface RecordingFinding {
  id: string;
  file: string;
  problem: "changed" | "vanished";
  /** For a changed file: what it hashes to now. */
  sha256Now?: string;
}

export interface RecordingsVerdict {
  checked: number;
  findings: RecordingFinding[];
}

/**
 * Re-hashes every stored recording file and compares it with the SHA-256 the node reported
 * (which the audit chain also holds): any file that changed or vanished is named.
 */
export async function verifyRecordings(prisma: PrismaClient, dir: string, onProgress?: (checked: number) => void): Promise<RecordingsVerdict> {
  const findings: RecordingFinding[] = [];
  let checked = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.recording.findMany({
      // Files the retention job deleted are gone on purpose (audited), not vanished.
      where: { deletedAt: null },
      select: { id: true, file: true, sha256: true },
      orderBy: { id: "asc" },
      take: 200,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (batch.length === 0) break;
    for (const recording of batch) {
      const full = recordingPath(dir, recording.file);
      const exists = await stat(full).then((s) => s.isFile(), () => false);
      if (!exists) findings.push({ id: recording.id, file: recording.file, problem: "vanished" });
      else {
        const sha256Now = await sha256Of(full);
        if (sha256Now !== recording.sha256) findings.push({ id: recording.id, file: recording.file, problem: "changed", sha256Now });
      }
      checked++;
      onProgress?.(checked);
    }
    cursor = batch.at(-1)!.id;
  }
  return { checked, findings };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
