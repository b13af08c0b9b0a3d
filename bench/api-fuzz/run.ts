// npm run bench:api-fuzz [-- --runs N --seed S] — the property-based API run of
// web/test/api/api-fuzz.test.ts, longer and with any seed, against a fresh in-memory PGlite with
// the demo data. Prints the figures; exits 1 with the counterexample when a property fails.
import path from "node:path";
import { parseArgs } from "node:util";
import { ephemeralSecrets } from "../../scripts/lib/local-secrets.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3000" }, seed: { type: "string", default: String(Date.now() % 1_000_000) } } });
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: "pglite:memory",
  MEDIA_PUBLIC_URL: "http://media.test:4443",
  MEDIA_INTERNAL_URL: "http://127.0.0.1:9",
  TRUSTED_PROXIES: "10.0.0.0/8",
  // Fresh secrets for this run: APP_SECRET, ID_HASH_KEY, PORTAL_INTERNAL_SECRET, join-token keys.
  ...ephemeralSecrets(),
});

const { config } = await import("../../web/lib/config.ts");
const { openDatabase } = await import("../../web/lib/db/open-database.ts");
const { applyMigrations } = await import("../../web/lib/db/migrations.ts");
const { useDatabase, closeDatabase } = await import("../../web/lib/db/client.ts");
const { seedDemoData } = await import("../../web/lib/seed/seed-demo-data.ts");
const { demoFixtures } = await import("../../web/test/support/fixtures.ts");
const { runApiFuzz } = await import("../../web/test/support/api-fuzz.ts");

const db = await openDatabase({ kind: "pglite", dataDir: null });
await applyMigrations(db.sql, path.resolve(import.meta.dirname, "../../prisma/migrations"));
await seedDemoData(db.prisma, config().idHashKey);
useDatabase(db);
const fixtures = await demoFixtures(db);
const seed = Number(values.seed);
const numRuns = Number(values.runs);
console.log(`[api-fuzz] seed ${seed}, ${numRuns} cases`);
try {
  const figures = await runApiFuzz(db, fixtures, { seed, numRuns, internalSecret: config().internalSecret });
  const statuses = Object.entries(figures.byStatus).map(([status, n]) => `${status}×${n}`).join(" ");
  console.log(`[api-fuzz] ${figures.calls} calls in ${(figures.ms / 1000).toFixed(1)} s (${(figures.ms / figures.calls).toFixed(1)} ms each, with two table digests)`);
  console.log(`[api-fuzz] statuses: ${statuses}`);
  console.log(`[api-fuzz] slowest: ${figures.slowest} ${figures.slowestMs.toFixed(0)} ms`);
  console.log("[api-fuzz] no 5xx, no write on a refusal, no out-of-scope id in any answer");
} catch (error) {
  console.error(String((error as Error).message ?? error));
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
