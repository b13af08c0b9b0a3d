import { createPublicKey } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { importSPKI, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { closeRoomOnMediaNode, noticeOnMediaNode, spotlightOnMediaNode } from "@/lib/rooms/media-node-client";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";

// Issue 11: with a network of media nodes (MEDIA_NODES), a join token names the node its bearer
// connects to (staff: their own center's) and the room's home (the node of the room's unit).
async function verifyToken(token: string) {
  const pem = createPublicKey(config().joinTokenPrivateKey).export({ type: "spki", format: "pem" }).toString();
  return (await jwtVerify(token, await importSPKI(pem, "EdDSA"), { audience: "yangguang-media", issuer: "yangguang-portal" })).payload;
}

describe("join tokens name their media node", () => {
  let db: Database;
  const unitOf = async (username: string) => (await db.prisma.user.findFirstOrThrow({ where: { username }, include: { unit: true } })).unit;

  beforeAll(async () => {
    db = await useSeededDatabase();
  });
  afterAll(() => {
    delete process.env.MEDIA_NODES;
    return closeDatabase();
  });

  it("without MEDIA_NODES: no node claims and the one media URL, as before", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    const room = (await officer.call("createRoom", { body: { title: "单节点", requiresAdmission: false } })).body;
    const grant = await officer.call("roomJoinToken", { params: { id: room.id } });
    expect(grant.body.mediaUrl).toBe("http://media.test:4443");
    const claims = await verifyToken(grant.body.token);
    expect(claims.node).toBeUndefined();
    expect(claims.home).toBeUndefined();
  });

  it("with MEDIA_NODES: the room's unit's node is home; a superior inspector connects to its own node", async () => {
    const gm = await unitOf("gm.officer");
    const gd = await unitOf("gd.inspector");
    expect(gm.path.startsWith(gd.path)).toBe(true);
    process.env.MEDIA_NODES = JSON.stringify([
      { id: "node-gd", unit: gd.id, url: "https://gd.media.test:4443" },
      { id: "node-gm", unit: gm.id, url: "https://gm.media.test:4443" },
    ]);
    const officer = await ApiClient.signIn("gm.officer");
    const room = (await officer.call("createRoom", { body: { title: "多节点", requiresAdmission: false } })).body;
    const host = await officer.call("roomJoinToken", { params: { id: room.id } });
    expect(host.body.mediaUrl).toBe("https://gm.media.test:4443");
    expect(await verifyToken(host.body.token)).toMatchObject({ node: "node-gm", home: "node-gm" });

    const inspector = await ApiClient.signIn("gd.inspector");
    const watch = await inspector.call("roomJoinToken", { params: { id: room.id } });
    expect(watch.body.mediaUrl).toBe("https://gd.media.test:4443");
    expect(await verifyToken(watch.body.token)).toMatchObject({ node: "node-gd", home: "node-gm", grants: { observe: true } });

    // A guest (no account) connects to the room's node.
    const guest = await new ApiClient().call("joinByCode", { params: { code: room.guestLink.split("/").pop()! }, body: { name: "访客" } });
    expect(guest.body.mediaUrl).toBe("https://gm.media.test:4443");
    expect(await verifyToken(guest.body.token)).toMatchObject({ node: "node-gm", home: "node-gm" });
    delete process.env.MEDIA_NODES;
  });

  it("with MEDIA_NODES: grants issued inside a transaction answer at once (no lookup outside it), each on its bearer's node", async () => {
    const fsUnit = await unitOf("fs.admin");
    const gm = await unitOf("gm.officer");
    const nh = await unitOf("nh.officer");
    process.env.MEDIA_NODES = JSON.stringify([
      { id: "node-fs", unit: fsUnit.id, url: "https://fs.media.test:4443" },
      { id: "node-gm", unit: gm.id, url: "https://gm.media.test:4443" },
    ]);
    try {
      const caller = await ApiClient.signIn("fs.admin");
      const call = (await caller.call("createReportCall", { body: { title: "多节点汇报", unitIds: [gm.id, nh.id] } })).body;
      // On PGlite a lookup outside the grant's transaction waited for it until it timed out (busy).
      const started = Date.now();
      const host = await caller.call("hostReportCall", { params: { id: call.id } });
      expect(host.status, JSON.stringify(host.body)).toBe(200);
      expect(host.body.mediaUrl).toBe("https://fs.media.test:4443");
      const answer = await (await ApiClient.signIn("gm.officer")).call("answerReportCall", { params: { id: call.id } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(await verifyToken(answer.body.token)).toMatchObject({ node: "node-gm", home: "node-fs" });
      // 南海区 has no node of its own: it connects to the nearest above it, 佛山's.
      const nhAnswer = await (await ApiClient.signIn("nh.officer")).call("answerReportCall", { params: { id: call.id } });
      expect(await verifyToken(nhAnswer.body.token)).toMatchObject({ node: "node-fs", home: "node-fs" });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      delete process.env.MEDIA_NODES;
    }
  });

  it("with MEDIA_NODES: the portal's spotlight, notice and close go to the room's home node", async () => {
    const gm = await unitOf("gm.officer");
    const gd = await unitOf("gd.inspector");
    const heard: Array<{ node: string; path: string; auth: string | undefined }> = [];
    const listen = (node: string) =>
      new Promise<Server>((resolve) => {
        const server = createServer((request, response) => {
          heard.push({ node, path: request.url ?? "", auth: request.headers.authorization });
          request.resume();
          response.writeHead(200, { "content-type": "application/json" }).end("{}");
        });
        server.listen(0, "127.0.0.1", () => resolve(server));
      });
    const [gdNode, gmNode] = await Promise.all([listen("gd"), listen("gm")]);
    const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      process.env.MEDIA_NODES = JSON.stringify([
        { id: "node-gd", unit: gd.id, url: "https://gd.media.test:4443", internalUrl: urlOf(gdNode) },
        { id: "node-gm", unit: gm.id, url: "https://gm.media.test:4443", internalUrl: urlOf(gmNode) },
      ]);
      const officer = await ApiClient.signIn("gm.officer");
      const room = (await officer.call("createRoom", { body: { title: "多节点内部", requiresAdmission: false } })).body;
      expect(await spotlightOnMediaNode(room.id, { peerId: "p1", name: "某人" })).toBe(true);
      expect(await noticeOnMediaNode(room.id, "上级督察已进入")).toBe(true);
      expect(await closeRoomOnMediaNode(room.id, "ended")).toBe(true);
      expect(heard.map((h) => [h.node, h.path])).toEqual([
        ["gm", `/internal/rooms/${room.id}/spotlight`],
        ["gm", `/internal/rooms/${room.id}/notice`],
        ["gm", `/internal/rooms/${room.id}/close`],
      ]);
      expect(heard.every((h) => h.auth === `Bearer ${config().internalSecret}`)).toBe(true);
    } finally {
      delete process.env.MEDIA_NODES;
      await Promise.all([gdNode, gmNode].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
