// `npm run demo:network`'s database step, in one short process (PGlite allows one at a time): the
// same migrations and demo seed as `npm start`, then the database ids of the units that get a
// media node, written as JSON to the file named by the first argument.
//   tsx scripts/demo-network-setup.ts <out.json> <unit key>...
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../web/lib/config.ts";
import { applyMigrations } from "../web/lib/db/migrations.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";
import { DEMO_UNITS, type DemoUnit } from "../web/lib/seed/demo-units.ts";
import { seedDemoData } from "../web/lib/seed/seed-demo-data.ts";

const [out, ...keys] = process.argv.slice(2);
if (!out || keys.length === 0) {
  console.error("usage: tsx scripts/demo-network-setup.ts <out.json> <unit key>...");
  process.exit(2);
}

/** The demo hierarchy's keys with their ancestors' keys (nearest first) and names from the root down. */
function demoUnitChains(unit: DemoUnit, ancestors: DemoUnit[] = []): Array<{ unit: DemoUnit; ancestors: DemoUnit[] }> {
  return [{ unit, ancestors }, ...(unit.children ?? []).flatMap((child) => demoUnitChains(child, [unit, ...ancestors]))];
}

const config = loadConfig();
const db = await openDatabase(config.database);
try {
  await applyMigrations(db.sql, path.resolve(import.meta.dirname, "../prisma/migrations"), (line) => console.log(`[db] ${line}`));
  const seeded = await seedDemoData(db.prisma, config.idHashKey);
  if (seeded.seeded) console.log(`[db] seeded demo data: ${seeded.units} units, ${seeded.users} staff, ${seeded.persons} persons`);
  const chains = demoUnitChains(DEMO_UNITS);
  const rows = await db.prisma.unit.findMany({ select: { id: true, name: true, parentId: true } });
  const units = keys.map((key) => {
    const chain = chains.find((c) => c.unit.key === key);
    if (!chain) throw new Error(`"${key}" is not a unit of the demo hierarchy (web/lib/seed/demo-units.ts)`);
    // Find the row by walking names from the root: a name alone may repeat in a real tree.
    let parentId: string | null = null;
    let row: (typeof rows)[number] | undefined;
    for (const step of [...chain.ancestors].reverse().concat(chain.unit)) {
      row = rows.find((r) => r.parentId === parentId && r.name === step.name);
      if (!row) throw new Error(`the database has no demo unit ${step.name}: run the demo on a database seeded with the demo data`);
      parentId = row.id;
    }
    return { key, id: row!.id, name: chain.unit.name, ancestors: chain.ancestors.map((a) => a.key) };
  });
  fs.writeFileSync(out, JSON.stringify(units));
} catch (error) {
  console.error(`[db] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
