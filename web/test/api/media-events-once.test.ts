import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { newEventId } from "../../../server/src/portal-client/event-id.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";

// Issue 10: a node event posted again — a retry whose answer was lost, the node's outbox resent
// after a restart, a hostile copy of the same batch 100 times at once — is stored once, and what
// it does (the room's close and its audit) happens once. Real route, real database, both engines.

const internal = () => ({ authorization: `Bearer ${config().internalSecret}` });

describe.each(ENGINES)("node events carry their id and are stored once (%s)", (engine) => {
  let db: Database;
  let officer: ApiClient;

  const newRoom = async (title: string) => (await officer.call("createRoom", { body: { title } })).body.id as string;
  /** A batch as a node sends it: joins, leaves, a notice, a storage warning and the room's close. */
  const batchFor = (room: string) => {
    const at = (ms: number) => new Date(Date.UTC(2026, 11, 7, 8, 0, 0, ms)).toISOString();
    return [
      { type: "peer.joined", room, identity: "user:1", name: "民警", role: "staff", at: at(0) },
      { type: "peer.joined", room, identity: "guest:a", name: "王女士", role: "guest", at: at(1) },
      { type: "room.notice", room, identity: "user:1", preset: null, text: "请把手机放稳", at: at(2) },
      { type: "peer.left", room, identity: "guest:a", reason: "left", at: at(3) },
      { type: "recording.storage_full", room, freeBytes: 1024, at: at(4) },
      { type: "room.closed", room, reason: "terminated", note: "测试", by: "user:1", at: at(5) },
    ].map((event) => ({ ...event, node: "n1", id: newEventId() }));
  };
  const stored = (room: string) => db.prisma.roomEvent.findMany({ where: { roomId: room, eventId: { not: null } }, orderBy: { id: "asc" } });
  const closes = (room: string) => db.prisma.auditEvent.count({ where: { action: "room.closed_by_node", targetId: room } });

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    officer = await ApiClient.signIn("gm.officer");
  });
  afterAll(() => closeDatabase());

  it("stores a batch posted twice once, in the order it was sent, and closes the room once", async () => {
    const room = await newRoom("重发的报告");
    const events = batchFor(room);
    for (let i = 0; i < 2; i++) {
      const answer = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events } });
      expect(answer).toMatchObject({ status: 200, body: { stored: events.length } });
    }
    const rows = await stored(room);
    expect(rows.map((r) => r.eventId)).toEqual(events.map((e) => e.id));
    expect(rows.map((r) => r.type)).toEqual(events.map((e) => e.type));
    expect(await closes(room)).toBe(1);
  });

  it(`stores a batch posted ${TIMES} times at once once, and closes the room once; the audit chain is intact`, async () => {
    const room = await newRoom("并发重发");
    const events = batchFor(room);
    const results = await times(TIMES, () => new ApiClient().call("mediaEvents", { headers: internal(), body: { events } }));
    expectOnly(results, [200]);
    const rows = await stored(room);
    expect(rows.map((r) => r.eventId)).toEqual(events.map((e) => e.id));
    expect(await closes(room)).toBe(1);
    expect((await db.prisma.room.findUniqueOrThrow({ where: { id: room } })).state).toBe("closed");
    await expectIntactChain(db);
  });

  it("takes an event again under a new id (a second join is a second join), and refuses a malformed id, storing nothing", async () => {
    const room = await newRoom("新编号");
    const [joined] = batchFor(room);
    await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [joined, { ...joined, id: newEventId() }] } });
    expect(await stored(room)).toHaveLength(2);
    const bad = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [{ ...joined, id: "not-a-uuid" }] } });
    expect(bad.status).toBe(400);
    expect(await stored(room)).toHaveLength(2);
  });

  it("names the events of unknown rooms in `skipped` (the node sets them aside), and stores the rest", async () => {
    const room = await newRoom("未知房间");
    const [known] = batchFor(room);
    const [unknown] = batchFor("no-such-room");
    const answer = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [unknown, known] } });
    expect(answer.body).toEqual({ stored: 1, skipped: [{ index: 0, reason: "unknown_room" }] });
    expect((await stored(room)).map((r) => r.eventId)).toEqual([known!.id]);
  });
});
