import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlConnection } from "./sql.ts";

/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records each in a
 * `_prisma_migrations` table laid out like Prisma Migrate's, so that `prisma migrate deploy` and
 * `status` accept the same folder wherever Prisma's schema engine is available.
 */

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface AppliedMigration {
  readonly migration_name: string;
  readonly checksum: string;
  readonly finished_at: Date | string | null;
  readonly rolled_back_at: Date | string | null;
}

export interface MigrationStatus {
  readonly applied: string[];
  readonly pending: string[];
  /** Applied, but the file has changed since: the database no longer matches the folder. */
  readonly modified: string[];
  /** Started and never finished: a previous run failed half way. */
  readonly failed: string[];
  /** Recorded in the database, missing from the folder. */
  readonly unknown: string[];
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Same key as Prisma Migrate's advisory lock, so the two never migrate one database at once.
const ADVISORY_LOCK_KEY = 72707369;

export function readMigrationFiles(dir: string): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

async function readApplied(sql: SqlConnection): Promise<AppliedMigration[]> {
  await sql.exec(MIGRATIONS_TABLE);
  return sql.query<AppliedMigration>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
}

export async function migrationStatus(sql: SqlConnection, dir: string): Promise<MigrationStatus> {
  const files = readMigrationFiles(dir);
  const applied = (await readApplied(sql)).filter((row) => row.rolled_back_at === null);
  const byName = new Map(applied.map((row) => [row.migration_name, row]));
  const fileNames = new Set(files.map((f) => f.name));
  return {
    applied: files.filter((f) => byName.get(f.name)?.finished_at).map((f) => f.name),
    pending: files.filter((f) => !byName.has(f.name)).map((f) => f.name),
    modified: files
      .filter((f) => {
        const row = byName.get(f.name);
        return row?.finished_at && row.checksum !== f.checksum;
      })
      .map((f) => f.name),
    failed: applied.filter((row) => !row.finished_at).map((row) => row.migration_name),
    unknown: applied.filter((row) => !fileNames.has(row.migration_name)).map((row) => row.migration_name),
  };
}

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export function applyMigrations(
  connection: SqlConnection,
  dir: string,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  return connection.session((sql) => applyOnSession(sql, dir, log));
}

async function applyOnSession(sql: SqlConnection, dir: string, log: (line: string) => void): Promise<string[]> {
  if (sql.kind === "postgres") await sql.query(`SELECT pg_advisory_lock($1)`, [ADVISORY_LOCK_KEY]);
  try {
    const status = await migrationStatus(sql, dir);
    if (status.modified.length > 0) {
      throw new MigrationError(
        `Migration(s) changed after they were applied: ${status.modified.join(", ")}. ` +
          `An applied migration must never be edited: restore the original file and add a new migration instead.`,
      );
    }
    if (status.failed.length > 0) {
      throw new MigrationError(
        `Migration(s) started but did not finish: ${status.failed.join(", ")}. ` +
          `Inspect the database, then delete their rows from "_prisma_migrations" to retry.`,
      );
    }
    const files = readMigrationFiles(dir).filter((f) => status.pending.includes(f.name));
    for (const file of files) {
      log(`applying ${file.name}`);
      const id = randomUUID();
      await sql.exec("BEGIN");
      try {
        await sql.exec(file.sql);
        await sql.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [id, file.checksum, file.name],
        );
        await sql.exec("COMMIT");
      } catch (error) {
        await sql.exec("ROLLBACK");
        throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
    return files.map((f) => f.name);
  } finally {
    if (sql.kind === "postgres") await sql.query(`SELECT pg_advisory_unlock($1)`, [ADVISORY_LOCK_KEY]);
  }
}
