import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { config } from "../../web/lib/config.ts";
import { closeDatabase, useDatabase } from "../../web/lib/db/client.ts";
import { applyMigrations } from "../../web/lib/db/migrations.ts";
import { openDatabase, type Database } from "../../web/lib/db/open-database.ts";
import { seedDemoData } from "../../web/lib/seed/seed-demo-data.ts";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export type Engine = "pglite" | "postgres";

/** A fresh, empty database: in-memory PGlite, or a new database on the run's PostgreSQL server. */
export async function openEmptyDatabase(engine: Engine): Promise<Database> {
  if (engine === "pglite") return openDatabase({ kind: "pglite", dataDir: null });
  const serverUrl = inject("postgresUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return openDatabase({ kind: "postgres", url: serverUrl.replace(/\/postgres$/, `/${name}`) });
}

/** Migrated, seeded with the demo data, and installed as the database the domain layer uses. */
export async function useSeededDatabase(engine: Engine = "pglite"): Promise<Database> {
  const db = await openEmptyDatabase(engine);
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  await seedDemoData(db.prisma, config().idHashKey);
  useDatabase(db);
  return db;
}

export { closeDatabase };
