import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { demoFixtures } from "./fixtures.ts";

export interface SeededApi {
  db: Database;
  fixtures: Awaited<ReturnType<typeof demoFixtures>>;
}

/** In a describe: a fresh seeded database with the demo fixtures for its tests, closed after them. */
export function useSeededApi(): SeededApi {
  const seeded = {} as SeededApi;
  beforeAll(async () => {
    seeded.db = await useSeededDatabase();
    seeded.fixtures = await demoFixtures(seeded.db);
  });
  afterAll(() => closeDatabase());
  return seeded;
}
