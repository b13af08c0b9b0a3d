import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

describe.each(ENGINES)("live report calls (现场点名汇报) on %s", (engine) => {
  let db: Database;
  let f: Awaited<ReturnType<typeof demoFixtures>>;
  let fs: ApiClient;
  let gm: ApiClient;
  let nh: ApiClient;

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    f = await demoFixtures(db);
    fs = await ApiClient.signIn("fs.admin");
    gm = await ApiClient.signIn("gm.officer");
    nh = await ApiClient.signIn("nh.officer");
  });
  afterAll(async () => {
    await expectIntactChain(db);
    await closeDatabase();
  });

  const callCounties = async (title = "佛山市县区汇报") => {
    const created = await fs.call("createReportCall", { body: { title, unitIds: [f.unit("高明区司法局"), f.unit("南海区司法局")] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  it("rings at each called center, which answers once (its time), joins, and is marked by the caller", async () => {
    const call = await callCounties();
    expect(call.centers.map((c: { unitName: string; status: string }) => [c.unitName, c.status]).sort()).toEqual([["南海区司法局", "waiting"], ["高明区司法局", "waiting"]]);
    const ringing = await gm.call("incomingReportCalls");
    expect(ringing.body.items).toEqual([expect.objectContaining({ id: call.id, callerUnitName: "佛山市司法局" })]);

    const answer = await gm.call("answerReportCall", { params: { id: call.id } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(claimsOf(answer.body.token)).toMatchObject({ room: call.roomId, kind: "inspection", role: "staff", grants: { publish: true, moderate: false, observe: false } });
    // Answered: it stops ringing there, and a second answer (a reload) keeps the first time.
    expect((await gm.call("incomingReportCalls")).body.items).toEqual([]);
    const first = (await fs.call("getReportCall", { params: { id: call.id } })).body.centers.find((c: { unitName: string }) => c.unitName === "高明区司法局");
    expect(first.answeredAt).not.toBeNull();
    expect((await gm.call("answerReportCall", { params: { id: call.id } })).status).toBe(200);
    const again = (await fs.call("getReportCall", { params: { id: call.id } })).body.centers.find((c: { unitName: string }) => c.unitName === "高明区司法局");
    expect(again.answeredAt).toBe(first.answeredAt);
    expect(await db.prisma.auditEvent.count({ where: { action: "reportcall.answer", targetId: first.id } })).toBe(1);

    const host = await fs.call("hostReportCall", { params: { id: call.id } });
    expect(claimsOf(host.body.token).grants).toMatchObject({ moderate: true, publish: true });
    expect((await fs.call("callReportCenter", { params: { id: call.id, centerId: first.id } })).status).toBe(200);
    const marked = await fs.call("markReportCenter", { params: { id: call.id, centerId: first.id }, body: { status: "reported" } });
    expect(marked.body).toMatchObject({ status: "reported" });

    // The end: 南海 never answered → absent; the room is closed; nothing rings any more.
    const ended = await fs.call("endReportCall", { params: { id: call.id } });
    expect(ended.body.state).toBe("ended");
    expect(ended.body.centers.find((c: { unitName: string }) => c.unitName === "南海区司法局")).toMatchObject({ status: "absent", answeredAt: null });
    expect((await db.prisma.room.findUniqueOrThrow({ where: { id: call.roomId } })).state).toBe("closed");
    expect((await nh.call("incomingReportCalls")).body.items).toEqual([]);
    expect((await nh.call("answerReportCall", { params: { id: call.id } })).status).toBe(409);
  });

  it("scopes every action: only centers below the caller, only the caller runs it, read-only roles never answer or call", async () => {
    const signIn = (u: string) => ApiClient.signIn(u);
    const [gd, fsInspector, gmInspector, hc, zh] = [await signIn("gd.admin"), await signIn("fs.inspector"), await signIn("gm.inspector"), await signIn("hc.officer"), await signIn("zh.admin")];
    const call = await callCounties("范围");
    const gmCenter = call.centers.find((c: { unitName: string }) => c.unitName === "高明区司法局");
    const before = await dataDigest(db);
    // A county cannot call its province or city, nor a sibling's office (outside its subtree: not
    // found, as everywhere); nor its own unit (inside: a mistake, told as such).
    expect((await gm.call("createReportCall", { body: { title: "x", unitIds: [f.unit("佛山市司法局")] } })).status).toBe(404);
    expect((await gm.call("createReportCall", { body: { title: "x", unitIds: [f.unit("桂城司法所"), f.unit("杨和司法所")] } })).status).toBe(404);
    expect((await gm.call("createReportCall", { body: { title: "x", unitIds: [f.unit("高明区司法局")] } })).status).toBe(400);
    expect((await fsInspector.call("createReportCall", { body: { title: "x", unitIds: [f.unit("高明区司法局")] } })).status).toBe(403);
    // The province reads it; it does not run it (the calling center does).
    expect((await gd.call("getReportCall", { params: { id: call.id } })).status).toBe(200);
    expect((await gd.call("markReportCenter", { params: { id: call.id, centerId: gmCenter.id }, body: { status: "reported" } })).status).toBe(403);
    expect((await fsInspector.call("endReportCall", { params: { id: call.id } })).status).toBe(403);
    // A called county neither reads nor runs the caller's record; another city does not even see it.
    expect((await gm.call("markReportCenter", { params: { id: call.id, centerId: gmCenter.id }, body: { status: "reported" } })).status).toBe(404);
    expect((await zh.call("getReportCall", { params: { id: call.id } })).status).toBe(404);
    // Read-only staff of a called center see the ring but do not answer; an office below it is not called.
    expect((await gmInspector.call("incomingReportCalls")).body.items.map((i: { id: string }) => i.id)).toContain(call.id);
    expect((await gmInspector.call("answerReportCall", { params: { id: call.id } })).status).toBe(403);
    expect((await hc.call("answerReportCall", { params: { id: call.id } })).status).toBe(404);
    expect((await hc.call("hostReportCall", { params: { id: call.id } })).status).toBe(404);
    expect(await dataDigest(db)).toBe(before);
  });

  it("stores the same mark sent 100 times at once as one mark: one version step, one audit event", async () => {
    const call = await callCounties("并发标记");
    const center = call.centers[0];
    const results = await times(TIMES, () => fs.call("markReportCenter", { params: { id: call.id, centerId: center.id }, body: { status: "reported" } }));
    expectOnly(results, [200]);
    const stored = await db.prisma.reportCallCenter.findUniqueOrThrow({ where: { id: center.id } });
    expect(stored).toMatchObject({ status: "reported", version: center.version + 1 });
    expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([stored.version]));
    expect(await db.prisma.auditEvent.count({ where: { action: "reportcall.mark", targetId: center.id } })).toBe(1);
  });

  it("keeps marks racing each other and the end in step: each audited change starts from the stored one, none after the end", async () => {
    const call = await callCounties("标记与结束");
    const center = call.centers[1];
    const statuses = ["reported", "absent"] as const;
    const results = await times(TIMES, (i) =>
      i === TIMES / 2
        ? fs.call("endReportCall", { params: { id: call.id } })
        : fs.call("markReportCenter", { params: { id: call.id, centerId: center.id }, body: { status: statuses[i % 2] } }),
    );
    expectOnly(results, [200, 409]);
    const end = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "reportcall.end", targetId: call.id } });
    const marks = await db.prisma.auditEvent.findMany({ where: { action: "reportcall.mark", targetId: center.id }, orderBy: { seq: "asc" } });
    expect(marks.filter((m) => m.seq > end.seq)).toEqual([]);
    const broken = marks.filter((e, i) => (e.data as { before: string }).before !== (i === 0 ? "waiting" : (marks[i - 1]!.data as { after: string }).after));
    expect(broken).toEqual([]);
    const stored = await db.prisma.reportCallCenter.findUniqueOrThrow({ where: { id: center.id } });
    if (marks.length > 0) expect(stored.status).toBe((marks.at(-1)!.data as { after: string }).after);
  });
});
