// npm run db:migrate — applies pending migrations to DATABASE_URL (default: the embedded database).
import path from "node:path";
import { databaseTargetFromEnv } from "../web/lib/config.ts";
import { applyMigrations } from "../web/lib/db/migrations.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";

const migrationsDir = path.resolve(import.meta.dirname, "../prisma/migrations");
const db = await openDatabase(databaseTargetFromEnv());
try {
  const applied = await applyMigrations(db.sql, migrationsDir, (line) => console.log(`db:migrate ${line}`));
  console.log(applied.length ? `db:migrate applied ${applied.length} migration(s)` : "db:migrate up to date");
} catch (error) {
  console.error(`db:migrate: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
