import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toActor, type Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { endRollCall } from "@/lib/rollcalls/end-roll-call";
import { getRollCallRecord } from "@/lib/rollcalls/get-roll-call-record";
import { listRosterCandidates } from "@/lib/rollcalls/list-roster-candidates";
import { openRollCall } from "@/lib/rollcalls/open-roll-call";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { demoFixtures } from "../support/fixtures.ts";

// The page-only reads behind the schedule form and the printed record, called as the pages call them.
describe("roll-call page data", () => {
  let db: Database;
  let f: Awaited<ReturnType<typeof demoFixtures>>;
  const actor = async (username: string): Promise<Actor> =>
    toActor(await db.prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: true } }));

  beforeAll(async () => {
    db = await useSeededDatabase();
    f = await demoFixtures(db);
  });
  afterAll(() => closeDatabase());

  it("offers a roster of the officer's subtree only, without ID numbers or phones", async () => {
    const county = await listRosterCandidates(await actor("gm.officer"));
    const countyTotal = await db.prisma.supervisedPerson.count({ where: { unit: { path: { startsWith: (await actor("gm.officer")).unitPath } } } });
    expect(county.items).toHaveLength(countyTotal);
    expect(county.truncated).toBe(false);
    expect(new Set(county.items.map((p) => p.unitName))).toEqual(new Set(["荷城司法所", "杨和司法所", "明城司法所"]));
    expect(Object.keys(county.items[0]!).sort()).toEqual(["id", "name", "status", "supervisionType", "unitId", "unitName"]);

    const office = await listRosterCandidates(await actor("hc.officer"));
    expect(office.items.every((p) => p.unitName === "荷城司法所")).toBe(true);
    const sibling = await listRosterCandidates(await actor("nh.officer"));
    expect(sibling.items.some((p) => p.id === f.personHc)).toBe(false);
  });

  it("gives inspectors no roster to pick from: they cannot schedule", async () => {
    await expect(listRosterCandidates(await actor("gm.inspector"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("records who scheduled, opened and ended a roll call, for the printed record", async () => {
    const officer = await actor("gm.officer");
    await openRollCall(officer, f.rollCallToEnd);
    await endRollCall(officer, f.rollCallToEnd);
    const record = await getRollCallRecord(officer, f.rollCallToEnd);
    expect(record).toMatchObject({ state: "ended", createdBy: "陈志强", openedBy: "陈志强", endedBy: "陈志强" });
    expect(record.openedAt).not.toBeNull();
    expect(new Date(record.endedAt!).getTime()).toBeGreaterThanOrEqual(new Date(record.openedAt!).getTime());
    expect(record.entries).toHaveLength(3);

    const unopened = await getRollCallRecord(officer, f.rollCallToRead);
    expect(unopened).toMatchObject({ openedAt: null, openedBy: null, endedBy: null });
  });

  it("keeps the record from a sibling county's officer", async () => {
    await expect(getRollCallRecord(await actor("nh.officer"), f.rollCallToRead)).rejects.toBeInstanceOf(NotFoundError);
  });
});
