import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import { signNodeReport } from "../../../server/src/protocol/node-report-proof.ts";
import type { NodeHeartbeat, NodeRegistration } from "../../../server/src/protocol/node-registry.ts";
import { NodeTree, until } from "../../../server/test/support/node-tree.ts";
import type { TestClient } from "../../../server/test/support/test-client.ts";
import { ApiClient } from "../support/api-client.ts";
import { expectIntactChain } from "../support/concurrency.ts";
import { dataDigest, RECORD_TABLES } from "../support/fixtures.ts";
import { startInternalApiServer } from "../support/internal-api-server.ts";
import { useSeededApi } from "../support/seeded-api.ts";

// Issue 11 §1: real media nodes (real workers, linked over their control channel) register with
// the portal's real handlers over HTTP, on the real database, and send heartbeats; an admin reads
// the tree; forged and replayed reports change nothing.

const SECRET = process.env.PORTAL_INTERNAL_SECRET!;
const asNode = { authorization: `Bearer ${SECRET}` };

describe("media nodes register with the portal, send heartbeats, and admins see the tree", () => {
  const api = useSeededApi();
  let tree: NodeTree;
  let portal: Awaited<ReturnType<typeof startInternalApiServer>>;
  const node = new ApiClient();

  beforeAll(async () => {
    process.env.MEDIA_NODE_DOWN_SECONDS = "3";
    portal = await startInternalApiServer();
    const common = { PORTAL_URL: portal.url, PORTAL_INTERNAL_SECRET: SECRET, MEDIA_HEARTBEAT_SECONDS: "0.5", MEDIA_LINK_DOWN_SECONDS: "2" };
    tree = await NodeTree.start(
      [
        { id: "gm-node", env: { ...common, MEDIA_UNIT_ID: api.fixtures.unit("高明区司法局") } },
        { id: "hc-node", parent: "gm-node", env: { ...common, MEDIA_UNIT_ID: api.fixtures.unit("荷城司法所") } },
      ],
      {},
      51000,
    );
  });
  afterAll(async () => {
    delete process.env.MEDIA_NODE_DOWN_SECONDS;
    delete process.env.MEDIA_NODES;
    await tree?.close();
    await portal?.close();
  });

  const rowOf = (id: string) => api.db.prisma.mediaNode.findUnique({ where: { id } });
  const listAs = async (username: string) => {
    const client = await ApiClient.signIn(username);
    const answer = await client.call("listMediaNodes");
    return answer;
  };

  it("registers each real node at start, with its unit, URLs, parent and key, in the audit chain; heartbeats carry rooms, peers, CPU and links", async () => {
    await tree.linked();
    const hc = await until("hc-node's heartbeat with its parent link up", async () => {
      const row = await rowOf("hc-node");
      const figures = row?.figures as { links?: Array<{ neighbor: string; up: boolean }> } | null;
      return row?.lastHeartbeatAt && figures?.links?.some((l) => l.neighbor === "gm-node" && l.up) ? row : undefined;
    });
    expect(hc).toMatchObject({ unitId: api.fixtures.unit("荷城司法所"), parentId: "gm-node", publicUrl: tree.get("hc-node").url, internalUrl: tree.get("hc-node").url });
    expect(hc.publicKey).toBe(tree.keysOf("hc-node").publicKey);
    const gm = await until("gm-node's heartbeat", async () => ((await rowOf("gm-node"))?.lastHeartbeatAt ? rowOf("gm-node") : undefined));
    expect(gm).toMatchObject({ parentId: null, unitId: api.fixtures.unit("高明区司法局") });
    expect(gm!.figures).toMatchObject({ rooms: 0, peers: 0, recordings: 0, workers: [expect.objectContaining({ cpuPercent: expect.any(Number) })] });

    const audit = await api.db.prisma.auditEvent.findMany({ where: { action: "media_node.registered" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.targetId).sort()).toEqual(["gm-node", "hc-node"]);
    expect(audit.find((e) => e.targetId === "hc-node")!.data).toMatchObject({ parent: "gm-node", first: true });
    // Heartbeats keep coming and are not audited.
    const seq = (await rowOf("hc-node"))!.seq;
    await until("more heartbeats", async () => (await rowOf("hc-node"))!.seq >= seq + 2);
    expect(await api.db.prisma.auditEvent.count({ where: { targetType: "MediaNode" } })).toBe(2);

    const listed = await listAs("gm.admin");
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const byId = new Map(listed.body.nodes.map((n: { id: string }) => [n.id, n]));
    expect(byId.get("gm-node")).toMatchObject({ health: "up", parentId: null, unitName: "高明区司法局" });
    expect(byId.get("hc-node")).toMatchObject({ health: "up", parentId: "gm-node", unitName: "荷城司法所", configured: true });
    expect((byId.get("hc-node") as { figures: { links: unknown[] } }).figures.links).toEqual([expect.objectContaining({ neighbor: "gm-node", relation: "parent", up: true })]);
  });

  it("heartbeats carry a real room: its peers on the home node, and the link that carries it on the parent", async () => {
    type Figures = { rooms: number; peers: number; links: Array<{ neighbor: string; rooms: number; up: boolean }> };
    const clients: TestClient[] = [];
    try {
      for (const [node, sub] of [["hc-node", "person-1"], ["gm-node", "officer-1"]] as const) {
        clients.push(await tree.join(node, { sub, home: "hc-node", room: "registry-room" }, { recv: false }));
      }
      await until("hc-node reports the room with both peers", async () => {
        const f = (await rowOf("hc-node"))!.figures as Figures;
        return f.rooms === 1 && f.peers >= 1 && f.links.some((l) => l.neighbor === "gm-node" && l.rooms === 1);
      });
      await until("gm-node reports the room linked to hc-node", async () => {
        const f = (await rowOf("gm-node"))!.figures as Figures;
        return f.rooms === 1 && f.links.some((l) => l.neighbor === "hc-node" && l.up && l.rooms === 1);
      });
    } finally {
      for (const client of clients) client.close();
    }
  });

  it("marks a node down when its heartbeats stop, and up again when it returns", async () => {
    await tree.stopNode("hc-node");
    const down = await until("hc-node down", async () => {
      const answer = await listAs("gm.admin");
      const hc = answer.body.nodes.find((n: { id: string }) => n.id === "hc-node");
      return hc?.health === "down" ? hc : undefined;
    }, 20_000);
    expect(down.secondsSinceHeartbeat).toBeGreaterThanOrEqual(3);
    // Its parent says the link is down in its own heartbeat.
    await until("gm-node reports the link to hc-node down", async () => {
      const figures = (await rowOf("gm-node"))!.figures as { links: Array<{ neighbor: string; up: boolean }> };
      return figures.links.some((l) => l.neighbor === "hc-node" && !l.up);
    }, 20_000);

    const before = (await rowOf("hc-node"))!.boot;
    await tree.startNode("hc-node");
    await until("hc-node up again, registered under a new boot", async () => {
      const answer = await listAs("gm.admin");
      const row = await rowOf("hc-node");
      return answer.body.nodes.find((n: { id: string }) => n.id === "hc-node")?.health === "up" && row!.boot !== before;
    }, 20_000);
    const reRegistered = await api.db.prisma.auditEvent.findMany({ where: { action: "media_node.registered", targetId: "hc-node" } });
    expect(reRegistered.map((e) => (e.data as { first: boolean }).first)).toEqual([true, false]);
  });

  it("refuses a node registering under a known id with another key, and changes nothing", async () => {
    // The live nodes' heartbeats keep updating MediaNode rows: compare every other table, and hc-node's identity.
    const tables = RECORD_TABLES.filter((t) => t !== "MediaNode");
    const identity = async () => {
      const row = (await rowOf("hc-node"))!;
      return [row.publicKey, row.publicUrl, row.internalUrl, row.boot, row.unitId, row.parentId];
    };
    const before = await dataDigest(api.db, tables);
    const held = await identity();
    const thief = ed25519PemKeyPair();
    const report: NodeRegistration = {
      type: "register",
      node: "hc-node",
      unit: api.fixtures.unit("荷城司法所"),
      publicUrl: "http://evil.test:4443",
      internalUrl: "http://evil.test:4443",
      parent: "gm-node",
      publicKey: thief.publicKey,
      boot: randomUUID(),
      sentAt: new Date().toISOString(),
    };
    const refused = await node.call("registerMediaNode", { body: { report, proof: await signNodeReport(thief.privateKey, "hc-node", report) }, headers: asNode });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error.message).toMatch(/registered with another key/);

    // Presenting hc-node's real public key without its private key: the proof does not verify.
    const posing = { ...report, publicKey: tree.keysOf("hc-node").publicKey };
    const forged = await node.call("registerMediaNode", { body: { report: posing, proof: await signNodeReport(thief.privateKey, "hc-node", posing) }, headers: asNode });
    expect(forged.status).toBe(401);

    // A proof made by one node for another node's report.
    const gmKey = tree.keysOf("gm-node").privateKey;
    const crossed = await node.call("registerMediaNode", { body: { report: posing, proof: await signNodeReport(gmKey, "gm-node", posing) }, headers: asNode });
    expect(crossed.status).toBe(401);

    // The real key over one report, sent with another (a changed URL): refused.
    const signed = await signNodeReport(tree.keysOf("hc-node").privateKey, "hc-node", posing);
    const altered = await node.call("registerMediaNode", { body: { report: { ...posing, publicUrl: "http://elsewhere.test" }, proof: signed }, headers: asNode });
    expect(altered.status).toBe(401);

    // Without the portal's internal secret, even a correctly signed report is refused.
    const noSecret = await node.call("registerMediaNode", { body: { report: posing, proof: signed } });
    expect(noSecret.status).toBe(401);

    expect(await dataDigest(api.db, tables)).toBe(before);
    expect(await identity()).toEqual(held);
  });

  it("refuses forged, replayed and stale heartbeats", async () => {
    const row = await until("hc-node's heartbeats under its new boot", async () => {
      const r = (await rowOf("hc-node"))!;
      return r.seq >= 2 ? r : undefined;
    });
    const heartbeat = (seq: number): NodeHeartbeat => ({
      type: "heartbeat",
      node: "hc-node",
      boot: row.boot,
      seq,
      sentAt: new Date().toISOString(),
      figures: { rooms: 999, peers: 999, workers: [], processCpuPercent: 1, rssBytes: 1, links: [], recordings: 0 },
    });
    const thief = ed25519PemKeyPair();
    const forged = heartbeat(row.seq + 1000);
    const answer = await node.call("mediaNodeHeartbeat", { body: { report: forged, proof: await signNodeReport(thief.privateKey, "hc-node", forged) }, headers: asNode });
    expect(answer.status).toBe(401);

    // A real heartbeat already seen (the same sequence number) is refused; so is an unknown boot.
    const key = tree.keysOf("hc-node").privateKey;
    const latest = (await rowOf("hc-node"))!.seq;
    const replay = heartbeat(latest);
    const replayed = await node.call("mediaNodeHeartbeat", { body: { report: replay, proof: await signNodeReport(key, "hc-node", replay) }, headers: asNode });
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(409);
    expect(replayed.body.error.code).toBe("conflict");
    const otherBoot = { ...heartbeat(latest + 1000), boot: randomUUID() };
    const stale = await node.call("mediaNodeHeartbeat", { body: { report: otherBoot, proof: await signNodeReport(key, "hc-node", otherBoot) }, headers: asNode });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("register_again");
    const figures = (await rowOf("hc-node"))!.figures as { rooms: number };
    expect(figures.rooms).not.toBe(999);
  });

  it("scopes the tree: a county admin does not see the ministry's node; other roles get none", async () => {
    const moj = ed25519PemKeyPair();
    const report: NodeRegistration = {
      type: "register",
      node: "moj-node",
      unit: api.fixtures.unit("司法部"),
      publicUrl: "http://moj.test:4443",
      internalUrl: "http://10.0.0.1:4443",
      parent: null,
      publicKey: moj.publicKey,
      boot: randomUUID(),
      sentAt: new Date().toISOString(),
    };
    const registered = await node.call("registerMediaNode", { body: { report, proof: await signNodeReport(moj.privateKey, "moj-node", report) }, headers: asNode });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body.outcome).toBe("registered");

    const county = await listAs("gm.admin");
    expect(county.body.nodes.map((n: { id: string }) => n.id).sort()).toEqual(["gm-node", "hc-node"]);
    expect(JSON.stringify(county.body)).not.toContain("moj");
    const ministry = await listAs("moj.admin");
    const ids = ministry.body.nodes.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual(["gm-node", "hc-node", "moj-node"]);
    // A sibling city sees nothing of 佛山's county.
    expect((await listAs("zh.admin")).body.nodes).toEqual([]);
    expect((await listAs("gm.officer")).status).toBe(403);
    expect((await listAs("moj.inspector")).status).toBe(403);
    expect((await new ApiClient().call("listMediaNodes")).status).toBe(401);
  });

  it("reconciles with MEDIA_NODES: a listed node never heard from shows as never registered; unlisted ids and wrong units are refused; a listed new key rotates", async () => {
    const rotated = ed25519PemKeyPair();
    process.env.MEDIA_NODES = JSON.stringify([
      { id: "moj-node", unit: api.fixtures.unit("司法部"), url: "http://moj.test:4443", key: rotated.publicKey },
      { id: "gm-node", unit: api.fixtures.unit("高明区司法局"), url: tree.get("gm-node").url },
      { id: "hc-node", unit: api.fixtures.unit("荷城司法所"), url: tree.get("hc-node").url },
      { id: "nh-node", unit: api.fixtures.unit("南海区司法局"), url: "http://nh.test:4443" },
      { id: "yh-node", unit: api.fixtures.unit("杨和司法所"), url: "http://yh.test:4443" },
    ]);
    const county = await listAs("gm.admin");
    const yh = county.body.nodes.find((n: { id: string }) => n.id === "yh-node");
    // Hung under the node of the nearest unit above (高明区's), never registered.
    expect(yh).toMatchObject({ health: "never", parentId: "gm-node", registeredAt: null, figures: null });
    expect(county.body.nodes.some((n: { id: string }) => n.id === "nh-node")).toBe(false);
    const province = await listAs("gd.admin");
    expect(province.body.nodes.find((n: { id: string }) => n.id === "nh-node")).toMatchObject({ health: "never", parentId: null });

    const stranger = ed25519PemKeyPair();
    const base = (node: string, unit: string, key: string): NodeRegistration => ({
      type: "register", node, unit, publicUrl: "http://x.test:4443", internalUrl: "http://x.test:4443", parent: null, publicKey: key, boot: randomUUID(), sentAt: new Date().toISOString(),
    });
    const unlisted = base("zz-node", api.fixtures.unit("司法部"), stranger.publicKey);
    expect((await node.call("registerMediaNode", { body: { report: unlisted, proof: await signNodeReport(stranger.privateKey, "zz-node", unlisted) }, headers: asNode })).status).toBe(403);
    const wrongUnit = base("nh-node", api.fixtures.unit("荷城司法所"), stranger.publicKey);
    const refused = await node.call("registerMediaNode", { body: { report: wrongUnit, proof: await signNodeReport(stranger.privateKey, "nh-node", wrongUnit) }, headers: asNode });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/serves unit/);

    // moj-node's listed key is a new one: registering with it replaces the old key, audited.
    const rotation = base("moj-node", api.fixtures.unit("司法部"), rotated.publicKey);
    const changed = await node.call("registerMediaNode", { body: { report: rotation, proof: await signNodeReport(rotated.privateKey, "moj-node", rotation) }, headers: asNode });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.outcome).toBe("key_changed");
    const event = await api.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "media_node.key_changed", targetId: "moj-node" } });
    expect(event.data).toMatchObject({ previousKey: expect.any(String), key: expect.any(String) });
    // …and the old key no longer holds the id.
    const old = base("moj-node", api.fixtures.unit("司法部"), stranger.publicKey);
    expect((await node.call("registerMediaNode", { body: { report: old, proof: await signNodeReport(stranger.privateKey, "moj-node", old) }, headers: asNode })).status).toBe(403);
    delete process.env.MEDIA_NODES;
    await expectIntactChain(api.db);
  });
});
