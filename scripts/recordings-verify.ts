// npm run recordings:verify — re-hashes every recording file and names those changed or vanished.
import { databaseTargetFromEnv } from "../web/lib/config.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";
import { recordingsDir } from "../web/lib/recordings/recordings-dir.ts";
import { verifyRecordings } from "../web/lib/recordings/verify-recordings.ts";

const dir = recordingsDir();
const db = await openDatabase(databaseTargetFromEnv());
try {
  const verdict = await verifyRecordings(db.prisma, dir, (checked) => process.stdout.write(`\rrecordings:verify checked ${checked}`));
  process.stdout.write("\n");
  if (verdict.findings.length === 0) {
    console.log(`recordings:verify OK — ${verdict.checked} files in ${dir}, each matches its SHA-256`);
  } else {
    for (const finding of verdict.findings) {
      const what = finding.problem === "vanished" ? "VANISHED (no such file)" : `CHANGED (now ${finding.sha256Now})`;
      console.error(`recordings:verify ${what}: ${finding.file} (recording ${finding.id})`);
    }
    console.error(`recordings:verify ${verdict.findings.length} of ${verdict.checked} files changed or vanished`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
