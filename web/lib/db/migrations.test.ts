import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openEmptyDatabase, type Engine } from "../../../test/support/test-database.ts";
import { applyMigrations, migrationStatus, readMigrationFiles } from "./migrations.ts";
import type { Database } from "./open-database.ts";

describe.each<Engine>(["pglite", "postgres"])("migration runner on %s", (engine) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("applies every migration to an empty database and records it like Prisma Migrate", async () => {
    db = await openEmptyDatabase(engine);
    const applied = await applyMigrations(db.sql, MIGRATIONS_DIR);
    expect(applied).toEqual(readMigrationFiles(MIGRATIONS_DIR).map((f) => f.name));
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
    expect(await migrationStatus(db.sql, MIGRATIONS_DIR)).toMatchObject({ pending: [], modified: [], failed: [], unknown: [] });
  });

  it("applies nothing the second time", async () => {
    db = await openEmptyDatabase(engine);
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    expect(await applyMigrations(db.sql, MIGRATIONS_DIR)).toEqual([]);
  });

  it("refuses to run when an applied migration was edited, and names it", async () => {
    db = await openEmptyDatabase(engine);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-migrations-"));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(db.sql, dir);
    const [first] = readMigrationFiles(dir);
    fs.appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- edited after the fact\n");
    fs.mkdirSync(path.join(dir, "29990101000000_later"));
    fs.writeFileSync(path.join(dir, "29990101000000_later", "migration.sql"), `CREATE TABLE "Later" ("id" TEXT PRIMARY KEY);`);

    await expect(applyMigrations(db.sql, dir)).rejects.toThrow(new RegExp(`changed after they were applied: ${first!.name}`));
    expect((await migrationStatus(db.sql, dir)).modified).toEqual([first!.name]);
    const later = await db.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Later'`);
    expect(later).toHaveLength(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("rolls back a failing migration completely and records nothing", async () => {
    db = await openEmptyDatabase(engine);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-migrations-"));
    fs.mkdirSync(path.join(dir, "20200101000000_broken"));
    fs.writeFileSync(path.join(dir, "20200101000000_broken", "migration.sql"), `CREATE TABLE "Half" ("id" TEXT);\nSELECT no_such_function();`);
    await expect(applyMigrations(db.sql, dir)).rejects.toThrow(/20200101000000_broken failed and was rolled back/);
    expect(await db.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toHaveLength(0);
    expect((await migrationStatus(db.sql, dir)).pending).toEqual(["20200101000000_broken"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
