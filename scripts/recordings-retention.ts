// npm run recordings:retention — the daily retention job (run it from cron or a systemd timer):
// deletes recordings past their period (visits 180 days, others 90; RECORDING_RETENTION_DAYS_*)
// that are not on legal hold, and the MP4 exports composed from them, each deletion in the audit chain.
import { databaseTargetFromEnv } from "../web/lib/config.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";
import { deleteExpiredRecordings } from "../web/lib/recordings/delete-expired-recordings.ts";
import { recordingsDir } from "../web/lib/recordings/recordings-dir.ts";
import { retentionPolicy } from "../web/lib/recordings/retention.ts";

const policy = retentionPolicy();
const dir = recordingsDir();
const db = await openDatabase(databaseTargetFromEnv());
try {
  const { deleted, exportsDeleted } = await deleteExpiredRecordings(db.prisma, dir, policy);
  for (const file of [...deleted, ...exportsDeleted]) console.log(`recordings:retention deleted ${file}`);
  console.log(`recordings:retention ${exportsDeleted.length} export(s) deleted with their sources`);
  console.log(`recordings:retention ${deleted.length} file(s) deleted (visits after ${policy.visitDays} days, others after ${policy.otherDays}; legal holds kept)`);
} finally {
  await db.close();
}
