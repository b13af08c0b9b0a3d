import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { idNumberCheckChar } from "@/lib/persons/id-number";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient, type CallOptions } from "../support/api-client.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";
import type { RouteName } from "@/lib/api/routes";

const isWellFormed = (s: string) => !/[\ud800-\udfff]/.test(s);
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** Issue 8: hostile values are a 400 with field errors, quickly, and change nothing. */
describe("hostile input", () => {
  let db: Database;
  let officer: ApiClient;
  let admin: ApiClient;
  let f: Awaited<ReturnType<typeof demoFixtures>>;
  let rollCall: Record<string, unknown>;
  let person: Record<string, unknown>;

  beforeAll(async () => {
    db = await useSeededDatabase();
    f = await demoFixtures(db);
    officer = await ApiClient.signIn("gm.officer");
    admin = await ApiClient.signIn("gm.admin");
    rollCall = { title: "点名", unitId: f.unit("荷城司法所"), startsAt: inHours(2), personIds: f.hcPersonIds };
    const first17 = "44060819900101777";
    person = {
      unitId: f.unit("荷城司法所"),
      name: "王五",
      gender: "male",
      idNumber: first17 + idNumberCheckChar(first17),
      phone: "13800138000",
      supervisionType: "probation",
      startDate: "2026-01-01",
      endDate: "2027-01-01",
    };
  });
  afterAll(() => closeDatabase());

  const refused = async (client: ApiClient, route: RouteName, options: CallOptions, fields?: Record<string, string>) => {
    const before = await dataDigest(db);
    const result = await client.call(route, options);
    expect(result.status, `${route} ${JSON.stringify(options.body ?? options.query)} → ${JSON.stringify(result.body)}`).toBe(400);
    if (fields) expect(result.body.error.fields).toMatchObject(fields);
    expect(await dataDigest(db)).toBe(before);
  };

  it("answers an impossible repeat rule with a 400 at once, and /health meanwhile", async () => {
    const t0 = performance.now();
    const post = officer.call("createRollCall", { body: { ...rollCall, rrule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1" } });
    const health = await new ApiClient().call("health");
    const healthMs = performance.now() - t0;
    const result = await post;
    expect(health.status).toBe(200);
    expect(result.status).toBe(400);
    expect(result.body.error.fields).toEqual({ rrule: "invalid_rrule" });
    expect(healthMs).toBeLessThan(2000);
    expect(performance.now() - t0).toBeLessThan(3000);
    for (const rrule of ["FREQ=DAILY;BYWEEKNO=60;COUNT=1", "FREQ=DAILY;BYYEARDAY=400;COUNT=1", "FREQ=MONTHLY;BYMONTHDAY=31;INTERVAL=12;COUNT=60"]) {
      const t = performance.now();
      await refused(officer, "createRollCall", { body: { ...rollCall, rrule } });
      expect(performance.now() - t).toBeLessThan(2000);
    }
  });

  it("takes the start only from startsAt: a DTSTART or a past UNTIL in the rule is refused", async () => {
    await refused(officer, "createRollCall", { body: { ...rollCall, rrule: "FREQ=DAILY;DTSTART=20200101T000000Z;COUNT=2" } }, { rrule: "invalid_rrule" });
    await refused(officer, "createRollCall", { body: { ...rollCall, rrule: "FREQ=DAILY;UNTIL=20200101T000000Z" } }, { rrule: "rrule_no_occurrence" });
    await refused(officer, "createRollCall", { body: { ...rollCall, rrule: "FREQ=DAILY;COUNT=0" } }, { rrule: "invalid_rrule" });
    await refused(officer, "createRollCall", { body: { ...rollCall, rrule: "FREQ=DAILY;INTERVAL=0;COUNT=2" } }, { rrule: "invalid_rrule" });
    expect(await db.prisma.rollCall.count({ where: { startsAt: { lt: new Date() } } })).toBe(0);
  });

  it("refuses NUL, control characters and lone surrogates in every kind of text", async () => {
    for (const bad of ["a\u0000b", "a\u0007b", "\ud800x", "x\udc00", "a\u202eb"]) {
      await refused(officer, "createPerson", { body: { ...person, name: bad } }, { name: "invalid_characters" });
      await refused(officer, "createPerson", { body: { ...person, notes: bad } }, { notes: "invalid_characters" });
      await refused(officer, "updatePerson", { params: { id: f.personHc }, body: { version: 1, address: bad } }, { address: "invalid_characters" });
      await refused(officer, "createRollCall", { body: { ...rollCall, title: bad } }, { title: "invalid_characters" });
      await refused(officer, "createRoom", { body: { title: bad } }, { title: "invalid_characters" });
      await refused(admin, "createUnit", { body: { name: bad, parentId: f.unit("高明区司法局") } }, { name: "invalid_characters" });
      await refused(admin, "updateUser", { params: { id: f.user("yh.officer") }, body: { displayName: bad } }, { displayName: "invalid_characters" });
      // A URL cannot carry a lone surrogate (percent-encoding makes it U+FFFD): only the others.
      if (isWellFormed(bad)) {
        await refused(officer, "listPersons", { query: { q: bad } }, { q: "invalid_characters" });
        await refused(admin, "listUsers", { query: { q: bad } }, { q: "invalid_characters" });
      }
      await refused(new ApiClient(), "login", { body: { username: bad, password: "whatever-long" } }, { username: "invalid_characters" });
    }
    // Line breaks are text in a multi-line field.
    const created = await officer.call("createPerson", { body: { ...person, notes: "第一行\n第二行" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });

  it("stores text in NFC", async () => {
    const room = await officer.call("createRoom", { body: { title: "Cafe\u0301 会议" } });
    expect(room.status).toBe(201);
    expect(room.body.title).toBe("Caf\u00e9 会议");
  });

  it("refuses dates outside 1970–2099 instead of failing in the database", async () => {
    await refused(officer, "createPerson", { body: { ...person, startDate: "0000-01-01" } }, { startDate: "out_of_range" });
    await refused(officer, "createPerson", { body: { ...person, endDate: "9999-12-31" } }, { endDate: "out_of_range" });
    await refused(officer, "createRollCall", { body: { ...rollCall, startsAt: "9999-12-31T23:00:00Z" } }, { startsAt: "out_of_range" });
    await refused(officer, "updateRollCall", { params: { id: f.rollCallToEdit }, body: { version: 1, startsAt: "0001-01-01T00:00:00Z" } }, { startsAt: "out_of_range" });
  });
});

describe("an over-large body", () => {
  it("gets a 413 that closes the connection, after the body is read and dropped", async () => {
    const result = await new ApiClient().call("login", { body: JSON.stringify({ username: "x".repeat(200_000), password: "y" }) });
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe("payload_too_large");
    expect(result.headers.get("connection")).toBe("close");
  });
});
