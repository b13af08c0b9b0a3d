// Used by npm start and the e2e server: applies pending migrations, then seeds an empty database,
// in one process (PGlite allows one at a time, and each open costs seconds).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../web/lib/config.ts";
import { applyMigrations } from "../web/lib/db/migrations.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";
import { seedDemoData } from "../web/lib/seed/seed-demo-data.ts";

const config = loadConfig();
const db = await openDatabase(config.database);
try {
  const applied = await applyMigrations(db.sql, path.resolve(import.meta.dirname, "../prisma/migrations"), (line) =>
    console.log(`[db] ${line}`),
  );
  if (applied.length) console.log(`[db] applied ${applied.length} migration(s)`);
  const seeded = await seedDemoData(db.prisma, config.idHashKey);
  if (seeded.seeded) console.log(`[db] seeded demo data: ${seeded.units} units, ${seeded.users} staff, ${seeded.persons} persons`);
  // npm start's lone media node registers under the top unit (scripts/lib/lone-node.mjs).
  if (process.env.LONE_NODE_UNIT_FILE) {
    const top = await db.prisma.unit.findFirst({ where: { parentId: null }, orderBy: [{ level: "asc" }, { createdAt: "asc" }], select: { id: true } });
    if (top) writeFileSync(process.env.LONE_NODE_UNIT_FILE, top.id);
  }
} catch (error) {
  console.error(`[db] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
