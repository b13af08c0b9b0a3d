import { describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client.ts";
import { countOf, expectIntactChain, times } from "../support/concurrency.ts";
import { dataDigest } from "../support/fixtures.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";
import { liveVisit } from "../support/live-visit.ts";
import { useSeededApi } from "../support/seeded-api.ts";

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

describe("remote inspection: who sees which live rooms and who may watch or speak", () => {
  const api = useSeededApi();
  let rollCall: { id: string; roomId: string };
  let privilegedRoom: string;
  let helpRoom: string;

  it("lists every live room of the actor's subtree, grouped by unit with counts per level, filterable by kind and unit", async () => {
    const hc = await ApiClient.signIn("hc.officer");
    rollCall = await openLiveRollCall(hc, { title: "荷城周一点名", unitId: api.fixtures.unit("荷城司法所"), personIds: api.fixtures.hcPersonIds });
    privilegedRoom = await liveVisit(api.db, { unitName: "高明区司法局", kind: "visit", privileged: true, title: "陈国栋 律师会见" });
    helpRoom = await liveVisit(api.db, { unitName: "荷城司法所", kind: "help_education", privileged: false, title: "刘建军 帮教" });

    const moj = await ApiClient.signIn("moj.inspector");
    const all = await moj.call("liveRooms");
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const byRoom = new Map(all.body.items.map((i: { roomId: string }) => [i.roomId, i]));
    expect(byRoom.get(rollCall.roomId)).toMatchObject({ kind: "rollcall", unitName: "荷城司法所", unitLevel: 5, media: true });
    expect(byRoom.get(helpRoom)).toMatchObject({ kind: "help", media: true });
    // A privileged visit is there (in progress) but names nobody and carries no media.
    expect(byRoom.get(privilegedRoom)).toMatchObject({ kind: "visit", title: "律师会见", media: false });
    // 荷城 (level 5): the roll call and the 帮教 session; 高明区 (level 4): the privileged visit and the demo's live roll call.
    expect(all.body.levels).toEqual(expect.arrayContaining([{ level: 5, count: 2 }, { level: 4, count: 2 }]));
    expect(all.body.levels.reduce((n: number, l: { count: number }) => n + l.count, 0)).toBe(all.body.items.length);
    expect(all.body.units).toEqual(expect.arrayContaining([expect.objectContaining({ unitName: "荷城司法所", count: 2 })]));

    const onlyRollCalls = await moj.call("liveRooms", { query: { kind: "rollcall" } });
    expect(new Set(onlyRollCalls.body.items.map((i: { kind: string }) => i.kind))).toEqual(new Set(["rollcall"]));
    const hcRollCalls = await moj.call("liveRooms", { query: { kind: "rollcall", unitId: api.fixtures.unit("荷城司法所") } });
    expect(hcRollCalls.body.items.map((i: { roomId: string }) => i.roomId)).toEqual([rollCall.roomId]);
    const onlyHc = await moj.call("liveRooms", { query: { unitId: api.fixtures.unit("荷城司法所") } });
    expect(onlyHc.body.items.map((i: { roomId: string }) => i.roomId).sort()).toEqual([rollCall.roomId, helpRoom].sort());
  });

  it("does not let a county inspect its province, a sibling county, or filter by a unit outside its subtree", async () => {
    const gd = await ApiClient.signIn("gd.admin");
    const meeting = await gd.call("createRoom", { body: { title: "省厅例会", requiresAdmission: false } });
    expect(meeting.status).toBe(201);
    // Someone is in the province's meeting, by the node's report: it is live.
    await api.db.prisma.roomEvent.create({ data: { roomId: meeting.body.id, type: "peer.joined", identity: "user:x", name: "x", at: new Date(), node: "n" } });
    expect((await gd.call("liveRooms", { query: { kind: "meeting" } })).body.items).toHaveLength(1);

    const nh = await ApiClient.signIn("nh.officer");
    const gm = await ApiClient.signIn("gm.officer");
    const listed = await nh.call("liveRooms");
    expect(listed.body.items).toEqual([]);
    const before = await dataDigest(api.db);
    for (const roomId of [meeting.body.id, rollCall.roomId]) {
      const refused = await nh.call("watchRoom", { params: { id: roomId }, body: { mode: "watch" } });
      expect(refused.status).toBe(404);
    }
    expect((await nh.call("liveRooms", { query: { unitId: api.fixtures.unit("广东省司法厅") } })).status).toBe(404);
    expect((await gm.call("speakInRoom", { params: { id: meeting.body.id } })).status).toBe(404);
    expect(await dataDigest(api.db)).toBe(before);
  });

  it("gives a superior an unseen, publish-less grant with its own identity, recorded and audited", async () => {
    const fs = await ApiClient.signIn("fs.inspector");
    const grant = await fs.call("watchRoom", { params: { id: rollCall.roomId }, body: { mode: "tile" } });
    expect(grant.status, JSON.stringify(grant.body)).toBe(200);
    const claims = claimsOf(grant.body.token);
    expect(claims).toMatchObject({ room: rollCall.roomId, kind: "rollcall", sub: `insp:${grant.body.viewId}`, grants: { observe: true, publish: false, moderate: false } });
    const view = await api.db.prisma.inspectionView.findUniqueOrThrow({ where: { id: grant.body.viewId } });
    expect(view).toMatchObject({ mode: "tile", roomId: rollCall.roomId, joinedAt: null, closedAt: null });
    expect(await api.db.prisma.auditEvent.count({ where: { action: "inspection.tile", targetId: rollCall.roomId } })).toBe(1);
    // A visit's terms travel in every token of its room: the inspector's names the same end.
    const help = await fs.call("watchRoom", { params: { id: helpRoom }, body: { mode: "watch" } });
    expect(help.status).toBe(200);
    expect(claimsOf(help.body.token)).toMatchObject({ kind: "visit", privileged: false, mustRecord: true, endsAt: expect.any(Number) });
  });

  it("never yields a media grant for a privileged visit, to anyone, and records nothing", async () => {
    const clients = await Promise.all(["moj.admin", "gd.admin", "gm.admin", "gm.inspector"].map((u) => ApiClient.signIn(u)));
    const before = await dataDigest(api.db);
    for (const [n, client] of clients.entries()) {
      const username = String(n);
      for (const call of [
        client.call("watchRoom", { params: { id: privilegedRoom }, body: { mode: "tile" } }),
        client.call("watchRoom", { params: { id: privilegedRoom }, body: { mode: "watch" } }),
        client.call("speakInRoom", { params: { id: privilegedRoom } }),
      ]) {
        const refused = await call;
        expect(refused.status, `${username} ${JSON.stringify(refused.body)}`).toBe(403);
        expect(refused.body.token).toBeUndefined();
      }
    }
    expect(await dataDigest(api.db)).toBe(before);
  });

  it("keeps read-only roles and a room's own unit from speaking", async () => {
    const readOnly = await Promise.all(["moj.inspector", "fs.inspector", "gm.inspector"].map((u) => ApiClient.signIn(u)));
    const hc = await ApiClient.signIn("hc.officer");
    const before = await dataDigest(api.db);
    for (const client of readOnly) expect((await client.call("speakInRoom", { params: { id: rollCall.roomId } })).status).toBe(403);
    // 荷城's own officer runs the roll call; "speak" is a superior's door.
    expect((await hc.call("speakInRoom", { params: { id: rollCall.roomId } })).status).toBe(403);
    expect(await dataDigest(api.db)).toBe(before);
  });

  it("closes a view from the node's reports, and lists it to the watching side only", async () => {
    const gm = await ApiClient.signIn("gm.inspector");
    const grant = await gm.call("watchRoom", { params: { id: rollCall.roomId }, body: { mode: "watch" } });
    const identity = `insp:${grant.body.viewId}`;
    const t0 = Date.now();
    const report = (type: "peer.joined" | "peer.left", at: number) => ({
      type,
      room: rollCall.roomId,
      identity,
      ...(type === "peer.joined" ? { name: "督察", role: "staff" } : { reason: "left" }),
      at: new Date(at).toISOString(),
      node: "test",
    });
    const { recordMediaEvents } = await import("@/lib/rooms/record-media-events");
    await recordMediaEvents([report("peer.joined", t0), report("peer.left", t0 + 95_000)] as never);
    const history = await gm.call("inspectionHistory");
    expect(history.status).toBe(200);
    expect(history.body.items.find((v: { id: string }) => v.id === grant.body.viewId)).toMatchObject({ mode: "watch", durationSeconds: 95, roomTitle: "荷城周一点名" });
    // 荷城 (watched) does not learn from the history who watched it; 佛山 (above gm) does.
    expect((await (await ApiClient.signIn("hc.officer")).call("inspectionHistory")).body.items).toEqual([]);
    expect((await (await ApiClient.signIn("fs.admin")).call("inspectionHistory")).body.total).toBeGreaterThanOrEqual(1);
  });

  it("refuses a grant for a room that has ended, and grants racing the end land before it or are refused", async () => {
    const hc = await ApiClient.signIn("hc.officer");
    const raced = await openLiveRollCall(hc, { title: "结束竞争", unitId: api.fixtures.unit("荷城司法所"), personIds: api.fixtures.hcPersonIds });
    const moj = await ApiClient.signIn("moj.inspector");
    const results = await times(40, (i) =>
      i === 20 ? hc.call("endRollCall", { params: { id: raced.id } }) : moj.call("watchRoom", { params: { id: raced.roomId }, body: { mode: "tile" } }),
    );
    expect(results[20]!.status).toBe(200);
    expect(results.filter((r, i) => i !== 20 && ![200, 409].includes(r.status))).toEqual([]);
    const end = await api.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.end", targetId: raced.id } });
    const late = await api.db.prisma.auditEvent.count({ where: { action: "inspection.tile", targetId: raced.roomId, seq: { gt: end.seq } } });
    expect(late).toBe(0);
    expect(await api.db.prisma.inspectionView.count({ where: { roomId: raced.roomId } })).toBe(countOf(results, 200) - 1);
    expect((await moj.call("watchRoom", { params: { id: raced.roomId }, body: { mode: "watch" } })).status).toBe(409);
    await expectIntactChain(api.db);
  });
});

