import { createHash } from "node:crypto";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, demoFixtures, TINY_JPEG } from "../support/fixtures.ts";

const tokenOf = (link: string) => link.replace(/^\/r\//, "");
const internal = () => ({ authorization: `Bearer ${config().internalSecret}` });

describe("a roll call from opening to the record", () => {
  let db: Database;
  let officer: ApiClient;
  let rollCallId: string;
  let people: Array<{ entryId: string; personId: string; name: string; token: string; idLast4: string }>;

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    officer = await ApiClient.signIn("gm.officer");
    const created = await officer.call("createRollCall", {
      body: { title: "流程点名", unitId: f.unit("荷城司法所"), startsAt: new Date(Date.now() + 60_000).toISOString(), graceMinutes: 5, personIds: f.hcPersonIds },
    });
    rollCallId = created.body.items[0].id;
    const detail = (await officer.call("getRollCall", { params: { id: rollCallId } })).body;
    people = await Promise.all(
      detail.entries.map(async (e: { id: string; personId: string; personName: string; link: string }) => ({
        entryId: e.id,
        personId: e.personId,
        name: e.personName,
        token: tokenOf(e.link),
        idLast4: (await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: e.personId } })).idLast4,
      })),
    );
  });
  afterAll(() => closeDatabase());

  it("makes a verified person wait until the officer opens the call, then gives a participant token", async () => {
    const a = people[0]!;
    const noTicket = await new ApiClient().call("joinRollCallByLink", { params: { token: a.token }, body: { ticket: "x" } });
    expect(noTicket.status).toBe(403);
    const { ticket } = (await new ApiClient().call("verifyRollCallLink", { params: { token: a.token }, body: { idLast4: a.idLast4 } })).body;
    const waiting = await new ApiClient().call("joinRollCallByLink", { params: { token: a.token }, body: { ticket } });
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.fields).toEqual({ state: "waiting" });

    const opened = await officer.call("openRollCall", { params: { id: rollCallId } });
    expect(opened.body.grant.moderator).toBe(true);
    expect((await new ApiClient().call("openRollCall" as never, {})).status).toBe(401);
    const grant = await new ApiClient().call("joinRollCallByLink", { params: { token: a.token }, body: { ticket } });
    expect(grant.status).toBe(200);
    expect(grant.body).toMatchObject({ identity: `person:${a.personId}`, name: a.name, moderator: false, room: { id: opened.body.grant.room.id, kind: "rollcall" } });
    // Persons in a roll call must not see one another: the node shows them the officers only.
    expect(decodeJwt(grant.body.token)).toMatchObject({ role: "participant", sees: "staff", grants: { publish: true, observe: false, moderate: false } });
    expect(decodeJwt(opened.body.grant.token)).toMatchObject({ role: "staff", sees: "everyone" });
    // A second browser that verifies again retires the first browser's ticket.
    await new ApiClient().call("verifyRollCallLink", { params: { token: a.token }, body: { idLast4: a.idLast4 } });
    expect((await new ApiClient().call("joinRollCallByLink", { params: { token: a.token }, body: { ticket } })).status).toBe(403);
  });

  it("gives a person nothing of the roster and no way to mark: the link shows their own roll call only", async () => {
    const [a, b] = [people[0]!, people[1]!];
    const before = await dataDigest(db);
    const person = new ApiClient();
    const link = await person.call("openRollCallLink", { params: { token: a.token } });
    expect(link.status).toBe(200);
    const shown = JSON.stringify(link.body);
    for (const other of people.slice(1)) expect(shown).not.toContain(other.name);
    expect(shown).not.toContain(b.entryId);
    // Without a staff session every roster and marking route answers 401 and changes nothing.
    expect((await person.call("getRollCall", { params: { id: rollCallId } })).status).toBe(401);
    const mark = await person.call("markRollCallEntry", { params: { id: rollCallId, entryId: b.entryId }, body: { status: "present" } });
    expect(mark.status).toBe(401);
    expect((await person.call("callRollCallEntry", { params: { id: rollCallId, entryId: b.entryId } })).status).toBe(401);
    expect(await dataDigest(db)).toEqual(before);
  });

  it("records joins from the media node: on time stays to be marked, after the grace period is 迟到", async () => {
    const rollCall = await db.prisma.rollCall.findUniqueOrThrow({ where: { id: rollCallId } });
    const [a, b] = people;
    const onTime = new Date(rollCall.startsAt.getTime() + 60_000).toISOString();
    const late = new Date(rollCall.startsAt.getTime() + 6 * 60_000).toISOString();
    const event = (p: typeof a, at: string) => ({ type: "peer.joined", room: rollCall.roomId, identity: `person:${p!.personId}`, name: p!.name, role: "participant", at, node: "n1" });
    const stored = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [event(a, onTime), event(b, late)] } });
    expect(stored.body).toEqual({ stored: 2 });
    const detail = (await officer.call("getRollCall", { params: { id: rollCallId } })).body;
    const status = (p: typeof a) => detail.entries.find((e: { id: string }) => e.id === p!.entryId);
    expect(status(a)).toMatchObject({ status: "pending", joinedAt: onTime });
    expect(status(b)).toMatchObject({ status: "late", joinedAt: late });
  });

  it("calls a person with a fresh random challenge, records the verdict and a hashed evidence frame", async () => {
    const a = people[0]!;
    const first = (await officer.call("callRollCallEntry", { params: { id: rollCallId, entryId: a.entryId } })).body;
    const second = (await officer.call("callRollCallEntry", { params: { id: rollCallId, entryId: a.entryId } })).body;
    for (const call of [first, second]) {
      expect(["digits", "head"]).toContain(call.challenge.kind);
      if (call.challenge.kind === "digits") expect(call.challenge.value).toMatch(/^\d{4}$/);
      else expect(["left", "right", "nod"]).toContain(call.challenge.value);
      // No media node in these tests: the portal says the spotlight was not delivered.
      expect(call.delivered).toBe(false);
    }
    const judged = await officer.call("judgeRollCallChallenge", { params: { id: rollCallId, entryId: a.entryId }, body: { result: "passed" } });
    expect(judged.body.result).toBe("passed");

    const notJpeg = await officer.call("storeRollCallEvidence", {
      params: { id: rollCallId, entryId: a.entryId },
      body: { jpegBase64: Buffer.from("<svg/>").toString("base64"), width: 16, height: 16 },
    });
    expect(notJpeg.body.error.fields).toEqual({ jpegBase64: "not_jpeg" });
    const stored = await officer.call("storeRollCallEvidence", { params: { id: rollCallId, entryId: a.entryId }, body: { jpegBase64: TINY_JPEG, width: 16, height: 16 } });
    expect(stored.status).toBe(201);
    expect(stored.body.sha256).toBe(createHash("sha256").update(Buffer.from(TINY_JPEG, "base64")).digest("hex"));
    const image = await officer.call("getRollCallEvidence", { params: { id: rollCallId, entryId: a.entryId, evidenceId: stored.body.id } });
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(image.headers.get("x-content-sha256")).toBe(stored.body.sha256);

    const entry = (await officer.call("getRollCall", { params: { id: rollCallId } })).body.entries.find((e: { id: string }) => e.id === a.entryId);
    expect(entry).toMatchObject({ challenge: { kind: second.challenge.kind, value: second.challenge.value, result: "passed" }, evidenceUrl: stored.body.url });
    expect(entry.answeredAt).toBeTruthy();
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.evidence", targetId: a.entryId } });
    expect(audit.data).toMatchObject({ sha256: stored.body.sha256 });
    // A sharp 1280-px frame (≈ 300 KB) is welcome; past the route's limit the body is refused unread.
    const jpegOf = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 7)]).toString("base64");
    const sharp = await officer.call("storeRollCallEvidence", { params: { id: rollCallId, entryId: a.entryId }, body: { jpegBase64: jpegOf(300_000), width: 1280, height: 720 } });
    expect(sharp.status, JSON.stringify(sharp.body)).toBe(201);
    const huge = await officer.call("storeRollCallEvidence", { params: { id: rollCallId, entryId: a.entryId }, body: { jpegBase64: jpegOf(700_000), width: 1280, height: 720 } });
    expect(huge.status).toBe(413);
  });

  it("persists each mark at once, audited", async () => {
    const a = people[0]!;
    const marked = await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: a.entryId }, body: { status: "present" } });
    expect(marked.body).toMatchObject({ status: "present" });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.mark", targetId: a.entryId } });
    expect(audit.data).toMatchObject({ before: "pending", after: "present" });
  });

  it("ends the roll call: the one who never joined is 缺席, and the record exports as CSV with a BOM", async () => {
    const ended = (await officer.call("endRollCall", { params: { id: rollCallId } })).body;
    expect(ended.state).toBe("ended");
    const statusOf = (i: number) => ended.entries.find((e: { id: string }) => e.id === people[i]!.entryId).status;
    expect([statusOf(0), statusOf(1), statusOf(2)]).toEqual(["present", "late", "absent"]);
    expect(ended.counts).toMatchObject({ present: 1, late: 1, absent: 1 });
    expect(ended.attendanceRate).toBeCloseTo(2 / 3);

    const csv = await officer.call("exportRollCallCsv", { params: { id: rollCallId } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.body.startsWith("\uFEFF姓名,司法所,状态")).toBe(true);
    const lines = csv.body.trim().split("\r\n").slice(1);
    expect(lines).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const line = lines.find((l: string) => l.startsWith(people[i]!.name + ","))!;
      expect(line.split(",")[2]).toBe(["已到", "迟到", "缺席"][i]);
    }
    // The challenge, its verdict and the snapshot are in the record as on the summary page.
    const first = ended.entries.find((e: { id: string }) => e.id === people[0]!.entryId);
    const [, , , joined, answered, asked, verdict, evidence] = lines.find((l: string) => l.startsWith(people[0]!.name + ","))!.split(",");
    expect(joined).not.toBe("");
    expect(answered).not.toBe("");
    expect(asked).toContain(first.challenge.kind === "digits" ? first.challenge.value : "");
    expect(verdict).toBe("通过");
    expect(evidence).toBe(first.evidenceUrl);
  });

  it("refuses marks on an ended roll call without a reason; with one, records an override", async () => {
    const c = people[2]!;
    const refused = await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: c.entryId }, body: { status: "excused" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ overrideReason: "required" });
    const ok = await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: c.entryId }, body: { status: "excused", overrideReason: "病假证明补交" } });
    expect(ok.status).toBe(200);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.mark_override", targetId: c.entryId } });
    expect(audit.data).toMatchObject({ before: "absent", after: "excused", reason: "病假证明补交" });
  });

  it("shows each person's history and the unit's weekly attendance rate, also to the inspector", async () => {
    const history = await officer.call("personAttendance", { params: { id: people[1]!.personId } });
    expect(history.body.items.find((i: { rollCallId: string }) => i.rollCallId === rollCallId)).toMatchObject({ status: "late", rollCallState: "ended" });
    const inspector = await ApiClient.signIn("gm.inspector");
    const stats = await inspector.call("attendanceStats", { query: { weeks: "4" } });
    expect(stats.status).toBe(200);
    // present + late over present + late + absent; the excused person is not expected.
    expect(stats.body.overall).toEqual([expect.objectContaining({ expected: 2, attended: 2, rate: 1 })]);
    expect(stats.body.byUnit.find((u: { name: string }) => u.name === "荷城司法所").points[0].rate).toBe(1);
    expect(stats.body.byUnit.find((u: { name: string }) => u.name === "杨和司法所").points).toEqual([]);
  });

  it("turns the links off once the roll call has ended", async () => {
    const r = await new ApiClient().call("openRollCallLink", { params: { token: people[0]!.token } });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/over/);
    expect(r.body.error.fields).toEqual({ link: "ended" });
  });
});
