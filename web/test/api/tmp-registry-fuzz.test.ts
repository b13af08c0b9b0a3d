import { expect, it } from "vitest";
import { runApiFuzz } from "../support/api-fuzz.ts";
import { useSeededApi } from "../support/seeded-api.ts";
const seeded = useSeededApi();
it("fuzz (temporary, not committed)", { timeout: 900_000 }, async () => {
  const figures = await runApiFuzz(seeded.db, seeded.fixtures, { seed: 20261201, numRuns: 2000, internalSecret: process.env.PORTAL_INTERNAL_SECRET! });
  console.log(JSON.stringify(figures));
  expect(Object.keys(figures.byStatus).every((status) => Number(status) < 500)).toBe(true);
});
