// npm run db:status — shows which migrations are applied, pending, modified or failed.
import path from "node:path";
import { databaseTargetFromEnv } from "../web/lib/config.ts";
import { migrationStatus } from "../web/lib/db/migrations.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";

const migrationsDir = path.resolve(import.meta.dirname, "../prisma/migrations");
const db = await openDatabase(databaseTargetFromEnv());
try {
  const status = await migrationStatus(db.sql, migrationsDir);
  for (const name of status.applied) console.log(`applied   ${name}${status.modified.includes(name) ? "  (MODIFIED since applied)" : ""}`);
  for (const name of status.pending) console.log(`pending   ${name}`);
  for (const name of status.failed) console.log(`failed    ${name}`);
  for (const name of status.unknown) console.log(`unknown   ${name}  (in the database, not in prisma/migrations)`);
  const healthy = status.modified.length + status.failed.length + status.unknown.length === 0;
  console.log(healthy ? (status.pending.length ? `${status.pending.length} pending` : "database is up to date") : "database needs attention");
  if (!healthy || status.pending.length) process.exitCode = 1;
} finally {
  await db.close();
}
