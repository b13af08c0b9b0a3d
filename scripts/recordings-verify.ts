// npm run recordings:verify — re-hashes every recording file and every finished MP4 export, and
// names those changed or vanished.
import { databaseTargetFromEnv } from "../web/lib/config.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";
import { recordingsDir } from "../web/lib/recordings/recordings-dir.ts";
import { verifyExports } from "../web/lib/recordings/export/verify-exports.ts";
import { verifyRecordings } from "../web/lib/recordings/verify-recordings.ts";

const dir = recordingsDir();
const db = await openDatabase(databaseTargetFromEnv());
try {
  const verdict = await verifyRecordings(db.prisma, dir, (checked) => process.stdout.write(`\rrecordings:verify checked ${checked}`));
  process.stdout.write("\n");
  const exports = await verifyExports(db.prisma, dir);
  if (verdict.findings.length === 0 && exports.findings.length === 0) {
    console.log(`recordings:verify OK — ${verdict.checked} files in ${dir}, each matches its SHA-256 (and ${exports.checked} MP4 exports)`);
  } else {
    for (const finding of exports.findings) {
      const what = finding.problem === "vanished" ? "VANISHED (no such file)" : `CHANGED (now ${finding.sha256Now})`;
      console.error(`recordings:verify ${what}: ${finding.file} (export ${finding.id})`);
    }
    for (const finding of verdict.findings) {
      const what = finding.problem === "vanished" ? "VANISHED (no such file)" : `CHANGED (now ${finding.sha256Now})`;
      console.error(`recordings:verify ${what}: ${finding.file} (recording ${finding.id})`);
    }
    console.error(`recordings:verify ${verdict.findings.length} of ${verdict.checked} files and ${exports.findings.length} of ${exports.checked} exports changed or vanished`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
