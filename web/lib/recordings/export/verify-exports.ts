import { stat } from "node:fs/promises";
import type { PrismaClient } from "../../db/generated/client.ts";
import { fileDigest } from "../file-digest.ts";
import { recordingPath } from "../recordings-dir.ts";
import type { RecordingsVerdict } from "../verify-recordings.ts";

/**
 * The exports' MP4s, checked like the originals: each finished export's file is re-hashed and
 * compared with the SHA-256 recorded when it was made (also in the audit chain, `recording.exported`).
 * An export the retention job deleted is gone on purpose and not looked for.
 */
export async function verifyExports(prisma: PrismaClient, dir: string): Promise<RecordingsVerdict> {
  const rows = await prisma.recordingExport.findMany({ where: { state: "done", file: { not: null } }, select: { id: true, file: true, sha256: true }, orderBy: { id: "asc" }, take: 100_000 });
  const findings: RecordingsVerdict["findings"] = [];
  for (const row of rows) {
    const full = recordingPath(dir, row.file!);
    const exists = await stat(full).then((s) => s.isFile(), () => false);
    if (!exists) findings.push({ id: row.id, file: row.file!, problem: "vanished" });
    else {
      const { sha256 } = await fileDigest(full);
      if (sha256 !== row.sha256) findings.push({ id: row.id, file: row.file!, problem: "changed", sha256Now: sha256 });
    }
  }
  return { checked: rows.length, findings };
}
