import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toActor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { consoleRole } from "@/lib/rollcalls/console-role";
import { getRollCallDetail } from "@/lib/rollcalls/get-roll-call";
import { personalLinkToken } from "@/lib/rollcalls/personal-link";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";
import { ApiClient } from "../support/api-client.ts";
import { demoFixtures } from "../support/fixtures.ts";

/**
 * Inspectors (and superiors who only watch) read records; they never receive a way in as someone
 * else: no personal link tokens, no room invite codes, no ID number's last 4 (the link's code).
 */
describe("what readers who do not run a roll call receive", () => {
  let db: Database;
  let rollCallId: string;
  let secrets: string[];
  let maskedIds: string[];
  let personIds: string[];
  const READERS = ["gm.inspector", "gm.officer"] as const;

  const leaks = (body: unknown) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return secrets.filter((secret) => text.includes(secret));
  };

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    personIds = f.hcPersonIds;
    const officer = await ApiClient.signIn("hc.officer");
    rollCallId = (await openLiveRollCall(officer, { title: "只读", unitId: f.unit("荷城司法所"), personIds })).id;
    const entries = await db.prisma.rollCallEntry.findMany({ where: { rollCallId } });
    const rooms = await db.prisma.room.findMany({ where: { hostCode: { not: null } } });
    secrets = [
      ...entries.map((e) => personalLinkToken(config().appSecret, e.id, e.linkVersion)),
      ...rooms.flatMap((r) => [r.hostCode!, r.guestCode!]),
    ];
    const persons = await db.prisma.supervisedPerson.findMany({ where: { id: { in: personIds } } });
    maskedIds = persons.map((p) => p.idNumberMasked);
    // The host does receive the links: the tokens above are the real ones.
    const hostView = await officer.call("getRollCall", { params: { id: rollCallId } });
    expect(leaks(hostView.body).length).toBe(entries.length);
  });
  afterAll(() => closeDatabase());

  for (const username of READERS) {
    it(`gives ${username} the roster without a single personal link, in the API and the link sheet's data`, async () => {
      const reader = await ApiClient.signIn(username);
      const detail = await reader.call("getRollCall", { params: { id: rollCallId } });
      expect(detail.status).toBe(200);
      expect(detail.body.entries.map((e: { link: string | null }) => e.link)).toEqual(personIds.map(() => null));
      expect(leaks(detail.body)).toEqual([]);
      const list = await reader.call("listRollCalls", { query: { when: "live" } });
      expect(leaks(list.body)).toEqual([]);
      const ics = await reader.call("rollCallCalendar", { params: { id: rollCallId } });
      expect(ics.status).toBe(200);
      expect(leaks(ics.body)).toEqual([]);
      expect(ics.body).not.toContain("/r/");

      // The link sheet page reads the same detail and is not found for anyone but the host.
      const actor = toActor(await db.prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: true } }));
      expect(leaks(await getRollCallDetail(actor, rollCallId))).toEqual([]);
      expect(consoleRole(actor, await db.prisma.rollCall.findUniqueOrThrow({ where: { id: rollCallId } }))).toBe("observer");

      const entryId = detail.body.entries[0].id;
      const reissue = await reader.call("revokeRollCallLink", { params: { id: rollCallId, entryId }, body: { reissue: true } });
      expect(reissue.status).toBe(403);
      expect(leaks(reissue.body)).toEqual([]);
    });
  }

  it("gives an inspector no room invite codes, in the list or a room's detail", async () => {
    const inspector = await ApiClient.signIn("gm.inspector");
    const list = await inspector.call("listRooms");
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(leaks(list.body)).toEqual([]);
    for (const room of list.body.items) {
      expect(room).toMatchObject({ hostLink: null, guestLink: null });
      expect(leaks((await inspector.call("getRoom", { params: { id: room.id } })).body)).toEqual([]);
    }
    // Officers who host meetings still get theirs.
    const officer = await ApiClient.signIn("gm.officer");
    expect((await officer.call("listRooms")).body.items.every((r: { guestLink: string | null }) => r.guestLink?.startsWith("/join/"))).toBe(true);
  });

  it("masks the whole ID number for an inspector: its last 4 unlock a personal link", async () => {
    const inspector = await ApiClient.signIn("gm.inspector");
    for (const id of personIds) {
      const person = await inspector.call("getPerson", { params: { id } });
      expect(person.status).toBe(200);
      expect(person.body.idNumberMasked).toMatch(/^\d{4}\*+$/);
    }
    const list = await inspector.call("listPersons", { query: { pageSize: "100" } });
    const text = JSON.stringify(list.body);
    for (const masked of maskedIds) expect(text).not.toContain(masked);
    // Nor can the search by the last 4 be used as an oracle.
    const own = await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: personIds[0]! } });
    const probe = await inspector.call("listPersons", { query: { q: own.idLast4 } });
    expect(probe.body.items.map((p: { id: string }) => p.id)).not.toContain(own.id);
    const officer = await ApiClient.signIn("hc.officer");
    expect((await officer.call("getPerson", { params: { id: own.id } })).body.idNumberMasked).toBe(own.idNumberMasked);
  });
});
