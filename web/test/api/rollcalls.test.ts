import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

const tokenOf = (link: string) => link.replace(/^\/r\//, "");
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe("roll call scheduling and personal links", () => {
  let db: Database;
  let officer: ApiClient;
  let f: Awaited<ReturnType<typeof demoFixtures>>;

  beforeAll(async () => {
    db = await useSeededDatabase();
    f = await demoFixtures(db);
    officer = await ApiClient.signIn("gm.officer");
  });
  afterAll(() => closeDatabase());

  it("creates one roll call per occurrence of a weekly RRULE, each with its own roster and links", async () => {
    const start = new Date(Date.now() + 2 * 24 * 3600_000);
    start.setUTCHours(1, 0, 0, 0);
    const until = new Date(start.getTime() + 27 * 24 * 3600_000).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    const result = await officer.call("createRollCall", {
      body: { title: "每周一点名", unitId: f.unit("高明区司法局"), startsAt: start.toISOString(), personIds: f.hcPersonIds, rrule: `FREQ=WEEKLY;UNTIL=${until}` },
    });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body.items).toHaveLength(4);
    const starts = result.body.items.map((r: { startsAt: string }) => new Date(r.startsAt).getTime());
    expect(starts[1] - starts[0]).toBe(7 * 24 * 3600_000);
    expect(new Set(result.body.items.map((r: { seriesId: string }) => r.seriesId)).size).toBe(1);
    for (const item of result.body.items) expect(item).toMatchObject({ total: 3, counts: { pending: 3 }, state: "scheduled" });
    const a = await officer.call("getRollCall", { params: { id: result.body.items[0].id } });
    const b = await officer.call("getRollCall", { params: { id: result.body.items[1].id } });
    expect(a.body.entries[0].link).not.toBe(b.body.entries[0].link);
    expect(await db.prisma.auditEvent.count({ where: { action: "rollcall.create" } })).toBe(1);
  });

  it("gives an .ics calendar event with the window and the console link", async () => {
    const ics = await officer.call("rollCallCalendar", { params: { id: f.rollCallToRead } });
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(ics.body).toContain("BEGIN:VEVENT");
    expect(ics.body).toContain("SUMMARY:视频点名：周一点名");
    expect(ics.body).toContain(`/rollcalls/${f.rollCallToRead}`);
  });

  it("refuses an unbounded or malformed rule, a past start, and persons outside the unit", async () => {
    const before = await dataDigest(db);
    const base = { title: "x", unitId: f.unit("荷城司法所"), startsAt: inHours(1), personIds: f.hcPersonIds };
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ ...base, rrule: "FREQ=WEEKLY;BYDAY=MO" }, { rrule: "rrule_unbounded" }],
      [{ ...base, rrule: "FREQ=HOURLY;COUNT=3" }, { rrule: "invalid_rrule" }],
      [{ ...base, rrule: "FREQ=DAILY;COUNT=400" }, { rrule: "rrule_too_many" }],
      [{ ...base, startsAt: inHours(-2) }, { startsAt: "in_past" }],
      [{ ...base, personIds: [f.personYh] }, { personIds: "not_found" }],
      [{ ...base, graceMinutes: 40, durationMinutes: 30 }, { graceMinutes: "grace_exceeds_window" }],
    ];
    for (const [body, fields] of cases) {
      const result = await officer.call("createRollCall", { body });
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error.fields).toEqual(fields);
    }
    expect(await dataDigest(db)).toBe(before);
  });

  it("lists upcoming roll calls with attendance counts, and edits one before it starts, audited", async () => {
    const upcoming = await officer.call("listRollCalls", { query: { when: "upcoming" } });
    expect(upcoming.body.items.length).toBeGreaterThanOrEqual(4);
    const target = upcoming.body.items.find((r: { title: string }) => r.title === "待修改");
    const edited = await officer.call("updateRollCall", { params: { id: target.id }, body: { version: target.version, graceMinutes: 5, durationMinutes: 45 } });
    expect(edited.status).toBe(200);
    expect(new Date(edited.body.endsAt).getTime() - new Date(edited.body.startsAt).getTime()).toBe(45 * 60_000);
    expect(edited.body.entries.every((e: { linkExpiresAt: string }) => e.linkExpiresAt === edited.body.endsAt)).toBe(true);
    const stale = await officer.call("updateRollCall", { params: { id: target.id }, body: { version: target.version, title: "old" } });
    expect(stale.status).toBe(409);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.update", targetId: target.id } });
    expect(audit.data).toMatchObject({ before: { graceMinutes: 10 }, after: { graceMinutes: 5 } });
  });

  it("opens a personal link without showing personal data, and verifies it with the last 4 of the ID number", async () => {
    const detail = (await officer.call("getRollCall", { params: { id: f.rollCallToRead } })).body;
    const entry = detail.entries[0];
    const person = await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: entry.personId } });
    const token = tokenOf(entry.link);
    const opened = await new ApiClient().call("openRollCallLink", { params: { token } });
    expect(opened.body).toEqual({ rollCall: expect.objectContaining({ title: "周一点名" }), verified: false, attemptsLeft: 5 });
    expect(JSON.stringify(opened.body)).not.toContain(person.name);
    const ok = await new ApiClient().call("verifyRollCallLink", { params: { token }, body: { idLast4: person.idLast4 } });
    expect(ok.body).toEqual({ verified: true, ticket: expect.any(String) });
  });

  it("works for one person and one roll call only: a tampered or borrowed token is refused", async () => {
    const detail = (await officer.call("getRollCall", { params: { id: f.rollCallToRead } })).body;
    const [first, second] = detail.entries;
    const forged = `${second.id}.${tokenOf(first.link).split(".")[1]}`;
    expect((await new ApiClient().call("openRollCallLink", { params: { token: forged } })).status).toBe(404);
  });

  it("locks the link after 5 wrong codes, until the officer reissues it; the old link then stops working", async () => {
    const detail = (await officer.call("getRollCall", { params: { id: f.rollCallToRead } })).body;
    const entry = detail.entries[2];
    const token = tokenOf(entry.link);
    const person = await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: entry.personId } });
    const wrong = person.idLast4 === "0000" ? "1111" : "0000";
    for (let i = 4; i >= 1; i--) {
      const r = await new ApiClient().call("verifyRollCallLink", { params: { token }, body: { idLast4: wrong } });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain(`${i} tries left`);
    }
    const locking = await new ApiClient().call("verifyRollCallLink", { params: { token }, body: { idLast4: wrong } });
    expect(locking.status).toBe(403);
    expect(locking.body.error.fields).toEqual({ link: "locked" });
    // Locked: even the right code is refused.
    expect((await new ApiClient().call("verifyRollCallLink", { params: { token }, body: { idLast4: person.idLast4 } })).status).toBe(403);
    expect((await officer.call("getRollCall", { params: { id: f.rollCallToRead } })).body.entries[2].linkState).toBe("locked");

    const reissued = await officer.call("revokeRollCallLink", { params: { id: f.rollCallToRead, entryId: entry.id }, body: {} });
    const newLink = reissued.body.entries.find((e: { id: string }) => e.id === entry.id).link;
    expect(newLink).not.toBe(entry.link);
    expect((await new ApiClient().call("openRollCallLink", { params: { token } })).status).toBe(404);
    expect((await new ApiClient().call("verifyRollCallLink", { params: { token: tokenOf(newLink) }, body: { idLast4: person.idLast4 } })).status).toBe(200);
    expect(await db.prisma.auditEvent.count({ where: { action: "rollcall.link_locked" } })).toBe(1);
  });

  it("gives a clear refusal for a revoked link, a cancelled roll call and an expired link", async () => {
    const detail = (await officer.call("getRollCall", { params: { id: f.rollCallToRead } })).body;
    const revoked = await officer.call("revokeRollCallLink", { params: { id: f.rollCallToRead, entryId: detail.entries[1].id }, body: { reissue: false } });
    const revokedLink = revoked.body.entries.find((e: { id: string }) => e.id === detail.entries[1].id);
    expect(revokedLink.linkState).toBe("revoked");
    const r1 = await new ApiClient().call("openRollCallLink", { params: { token: tokenOf(revokedLink.link) } });
    expect(r1.status).toBe(409);
    expect(r1.body.error.message).toMatch(/withdrawn/);
    expect(r1.body.error.fields).toEqual({ link: "revoked" });

    const cancelled = (await officer.call("cancelRollCall", { params: { id: f.rollCallToCancel } })).body;
    expect(cancelled.state).toBe("cancelled");
    const r2 = await new ApiClient().call("openRollCallLink", { params: { token: tokenOf(cancelled.entries[0].link) } });
    expect(r2.status).toBe(409);
    expect(r2.body.error.fields).toEqual({ link: "cancelled" });

    await db.prisma.rollCallEntry.updateMany({ where: { rollCallId: f.rollCallToEdit }, data: { linkExpiresAt: new Date(Date.now() - 1000) } });
    const expired = (await officer.call("getRollCall", { params: { id: f.rollCallToEdit } })).body.entries[0];
    expect(expired.linkState).toBe("expired");
    const r3 = await new ApiClient().call("openRollCallLink", { params: { token: tokenOf(expired.link) } });
    expect(r3.status).toBe(409);
    expect(r3.body.error.message).toMatch(/expired/);
    expect(r3.body.error.fields).toEqual({ link: "expired" });
  });
});
