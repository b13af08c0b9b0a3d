import { afterAll, beforeAll, expect } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase, type Engine } from "../../../test/support/test-database.ts";
import { ApiClient } from "./api-client.ts";
import { expectIntactChain } from "./concurrency.ts";
import { demoFixtures } from "./fixtures.ts";
import { openLiveRollCall } from "./live-roll-call.ts";

/** A seeded database, a host officer of 荷城司法所 and helpers to schedule, open and inspect roll calls. */
export async function rollCallRaceSetup(engine: Engine) {
  const db: Database = await useSeededDatabase(engine);
  const f = await demoFixtures(db);
  const officer = await ApiClient.signIn("hc.officer");
  const unitId = f.unit("荷城司法所");
  const personIds = f.hcPersonIds;
  return {
    db,
    officer,
    schedule: async (title: string) => {
      const created = await officer.call("createRollCall", { body: { title, unitId, personIds, startsAt: new Date(Date.now() + 60_000).toISOString() } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.items[0].id as string;
    },
    live: (title: string) => openLiveRollCall(officer, { title, unitId, personIds }),
    events: (action: string, targetId: string) => db.prisma.auditEvent.findMany({ where: { action, targetId }, orderBy: { seq: "asc" } }),
    entriesOf: (rollCallId: string) => db.prisma.rollCallEntry.findMany({ where: { rollCallId }, orderBy: { id: "asc" } }),
  };
}

/** Sets the race up before the file's tests and, after them, checks the audit chain and closes. */
export function useRollCallRace(engine: Engine) {
  const race = {} as Awaited<ReturnType<typeof rollCallRaceSetup>>;
  beforeAll(async () => {
    Object.assign(race, await rollCallRaceSetup(engine));
  });
  afterAll(async () => {
    await expectIntactChain(race.db);
    await closeDatabase();
  });
  return race;
}
