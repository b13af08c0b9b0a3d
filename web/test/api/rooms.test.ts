import { createPublicKey } from "node:crypto";
import { importSPKI, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest } from "../support/fixtures.ts";

const verifyToken = async (token: string) => {
  const pem = createPublicKey(config().joinTokenPrivateKey).export({ type: "spki", format: "pem" }).toString();
  return (await jwtVerify(token, await importSPKI(pem, "EdDSA"), { audience: "yangguang-media", issuer: "yangguang-portal" })).payload;
};
const codeOf = (link: string) => link.split("/").pop()!;
const internalHeaders = () => ({ authorization: `Bearer ${config().internalSecret}` });

describe("rooms, invite links and media node reports", () => {
  let db: Database;
  let officer: ApiClient;
  let room: { id: string; hostLink: string; guestLink: string };

  beforeAll(async () => {
    db = await useSeededDatabase();
    officer = await ApiClient.signIn("gm.officer");
    room = (await officer.call("createRoom", { body: { title: "周一例会", requiresAdmission: true } })).body;
  });
  afterAll(() => closeDatabase());

  it("creates a room with distinct host and guest links, and audits it", async () => {
    expect(room.hostLink).toMatch(/^\/join\/[\w-]{20,}$/);
    expect(room.guestLink).not.toBe(room.hostLink);
    expect(await db.prisma.auditEvent.count({ where: { action: "room.create", targetId: room.id } })).toBe(1);
  });

  it("gives the host a moderator token for this room only, expiring within two hours", async () => {
    const grant = await officer.call("roomJoinToken", { params: { id: room.id } });
    expect(grant.status).toBe(200);
    expect(grant.body).toMatchObject({ mediaUrl: "http://media.test:4443", moderator: true, room: { id: room.id } });
    const claims = await verifyToken(grant.body.token);
    expect(claims).toMatchObject({ room: room.id, role: "staff", grants: { publish: true, moderate: true, observe: false } });
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(2 * 3600);
  });

  it("gives an inspector an invisible observer token that cannot publish", async () => {
    const inspector = await ApiClient.signIn("gm.inspector");
    const claims = await verifyToken((await inspector.call("roomJoinToken", { params: { id: room.id } })).body.token);
    expect(claims.grants).toEqual({ publish: false, subscribe: true, observe: true, moderate: false });
  });

  it("lets a guest in by the guest link with only a name, into the lobby of a room that asks for admission", async () => {
    const guest = await new ApiClient().call("joinByCode", { params: { code: codeOf(room.guestLink) }, body: { name: "王女士" } });
    expect(guest.status).toBe(200);
    const claims = await verifyToken(guest.body.token);
    expect(claims).toMatchObject({ room: room.id, role: "guest", name: "王女士", lobby: true, grants: { moderate: false, observe: false } });
    expect(claims.sub).toMatch(/^guest:/);
  });

  it("keeps one browser the same guest of a room (a removed guest stays removed), and different browsers apart", async () => {
    const join = async (guestKey: string) => {
      const response = await new ApiClient().call("joinByCode", { params: { code: codeOf(room.guestLink) }, body: { name: "王女士", guestKey } });
      return (await verifyToken(response.body.token)).sub;
    };
    const first = await join("browser-one-key-0001");
    expect(await join("browser-one-key-0001")).toBe(first);
    expect(await join("browser-two-key-0002")).not.toBe(first);
    expect(first).not.toContain("browser-one");
    const bad = await new ApiClient().call("joinByCode", { params: { code: codeOf(room.guestLink) }, body: { name: "王女士", guestKey: "short" } });
    expect(bad.status).toBe(400);
  });

  it("needs a signed-in staff member of the room's subtree for the host link", async () => {
    const code = codeOf(room.hostLink);
    expect((await new ApiClient().call("joinByCode", { params: { code }, body: {} })).status).toBe(401);
    const outsider = await ApiClient.signIn("nh.officer");
    expect((await outsider.call("joinByCode", { params: { code }, body: {} })).status).toBe(404);
    const host = await officer.call("joinByCode", { params: { code }, body: {} });
    expect(host.body.moderator).toBe(true);
  });

  it("refuses an unknown or malformed code", async () => {
    expect((await new ApiClient().call("joinByCode", { params: { code: "x".repeat(24) }, body: {} })).status).toBe(404);
    expect((await new ApiClient().call("joinByCode", { params: { code: "../../etc" }, body: {} })).status).toBe(400);
  });

  it("refuses media node reports without the shared secret, and changes nothing", async () => {
    const before = await dataDigest(db);
    const body = { events: [{ type: "room.closed", room: room.id, reason: "x", at: new Date().toISOString(), node: "n1" }] };
    expect((await new ApiClient().call("mediaEvents", { body, headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await new ApiClient().call("mediaEvents", { body: { events: [{ type: "peer.joined" }] }, headers: internalHeaders() })).status).toBe(400);
    expect(await dataDigest(db)).toBe(before);
  });

  it("stores joins and leaves reported by the media node and shows them in the room's history", async () => {
    const at = new Date().toISOString();
    const result = await new ApiClient().call("mediaEvents", {
      headers: internalHeaders(),
      body: {
        events: [
          { type: "peer.joined", room: room.id, identity: "guest:abc", name: "王女士", role: "guest", at, node: "n1" },
          { type: "peer.left", room: room.id, identity: "guest:abc", reason: "left", at, node: "n1" },
          { type: "peer.joined", room: "no-such-room", identity: "x", name: "x", role: "guest", at, node: "n1" },
        ],
      },
    });
    // The unknown room's event is not stored, and named so the node sets it aside (not lost unseen).
    expect(result.body).toEqual({ stored: 2, skipped: [{ index: 2, reason: "unknown_room" }] });
    const detail = await officer.call("getRoom", { params: { id: room.id } });
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(["room.created", "peer.joined", "peer.left"]);
  });

  it("closes the room when the node reports a moderator closed it, audits it, and refuses new joins", async () => {
    await new ApiClient().call("mediaEvents", {
      headers: internalHeaders(),
      body: { events: [{ type: "room.closed", room: room.id, reason: "点名结束", at: new Date().toISOString(), node: "n1" }] },
    });
    expect((await officer.call("getRoom", { params: { id: room.id } })).body.state).toBe("closed");
    expect(await db.prisma.auditEvent.count({ where: { action: "room.closed_by_node", targetId: room.id } })).toBe(1);
    const late = await new ApiClient().call("joinByCode", { params: { code: codeOf(room.guestLink) }, body: { name: "迟到者" } });
    expect(late.status).toBe(409);
  });

  it("keeps a monitor's notices and a termination's reason and author (issue 9), audited", async () => {
    const visit = (await officer.call("createRoom", { body: { title: "会见" } })).body;
    const at = new Date().toISOString();
    const stored = await new ApiClient().call("mediaEvents", {
      headers: internalHeaders(),
      body: {
        events: [
          { type: "room.notice", room: visit.id, identity: "user:officer", preset: "language", text: "请使用普通话交流", at, node: "n1" },
          { type: "room.notice", room: visit.id, identity: "user:officer", preset: null, text: "请把手机放稳", at, node: "n1" },
          { type: "room.closed", room: visit.id, reason: "terminated", note: "谈论案情", by: "user:officer", at, node: "n1" },
        ],
      },
    });
    expect(stored.body).toEqual({ stored: 3 });
    const events = await db.prisma.roomEvent.findMany({ where: { roomId: visit.id, type: { in: ["room.notice", "room.closed"] } } });
    expect(events).toHaveLength(3);
    // Same instant for all three: compare without an order.
    expect(events.map((e) => [e.type, e.identity, e.data])).toEqual(expect.arrayContaining([
      ["room.notice", "user:officer", { preset: "language", text: "请使用普通话交流" }],
      ["room.notice", "user:officer", { preset: null, text: "请把手机放稳" }],
      ["room.closed", null, { reason: "terminated", note: "谈论案情", by: "user:officer" }],
    ]));
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "room.closed_by_node", targetId: visit.id } });
    expect(audit.data).toMatchObject({ reason: "terminated", note: "谈论案情", by: "user:officer" });
    // A notice with a line break or an unknown field is refused whole.
    const bad = await new ApiClient().call("mediaEvents", {
      headers: internalHeaders(),
      body: { events: [{ type: "room.notice", room: visit.id, identity: "x", preset: null, text: "a", at, node: "n1", extra: 1 }] },
    });
    expect(bad.status).toBe(400);
  });

  it("closes a room from the portal even when the media node cannot be reached, and says so", async () => {
    const other = (await officer.call("createRoom", { body: { title: "临时" } })).body;
    const closed = await officer.call("closeRoom", { params: { id: other.id } });
    expect(closed.body.state).toBe("closed");
    expect(closed.body.events.at(-1)).toMatchObject({ type: "room.close_requested", data: { nodeReached: false } });
  });
});
