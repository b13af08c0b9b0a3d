import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import type { Database } from "@/lib/db/open-database";
import { keyFingerprint } from "@/lib/media-nodes/node-keys";
import { signNodeReport } from "../../../server/src/protocol/node-report-proof.ts";
import type { NodeHeartbeat, NodeRegistration } from "../../../server/src/protocol/node-registry.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

// Issue 11 §1: an admin resets a media node's key (lost machine, leaked key). The node's reports
// go through the portal's real handlers, signed with real Ed25519 keys; the reset key is refused
// from then on, a new key registers, and 100 resets at once are one.

const asNode = () => ({ authorization: `Bearer ${process.env.PORTAL_INTERNAL_SECRET!}` });

describe.each(ENGINES)("resetting a media node's key on %s", (engine) => {
  let db: Database;
  let f: Awaited<ReturnType<typeof demoFixtures>>;
  const node = new ApiClient();
  let seq = 0;

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    f = await demoFixtures(db);
  });
  afterAll(async () => {
    await expectIntactChain(db);
    await closeDatabase();
  });

  const register = async (key: ReturnType<typeof ed25519PemKeyPair>, boot = randomUUID()) => {
    const report: NodeRegistration = {
      type: "register",
      node: "gm-node",
      unit: f.unit("高明区司法局"),
      publicUrl: "http://gm.test:4443",
      internalUrl: "http://gm.test:4443",
      parent: null,
      publicKey: key.publicKey,
      boot,
      sentAt: new Date().toISOString(),
    };
    const answer = await node.call("registerMediaNode", { body: { report, proof: await signNodeReport(key.privateKey, "gm-node", report) }, headers: asNode() });
    return { answer, boot };
  };
  const heartbeat = async (key: ReturnType<typeof ed25519PemKeyPair>, boot: string) => {
    const report: NodeHeartbeat = {
      type: "heartbeat",
      node: "gm-node",
      boot,
      seq: ++seq,
      sentAt: new Date().toISOString(),
      figures: { rooms: 0, peers: 0, recordings: 0, processCpuPercent: 1, rssBytes: 1, workers: [], links: [] },
    };
    return node.call("mediaNodeHeartbeat", { body: { report, proof: await signNodeReport(key.privateKey, "gm-node", report) }, headers: asNode() });
  };

  it("retires the key: its heartbeats and registrations are refused, a new key registers, all audited", async () => {
    const old = ed25519PemKeyPair();
    const first = await register(old);
    expect(first.answer.status, JSON.stringify(first.answer.body)).toBe(200);
    expect((await heartbeat(old, first.boot)).status).toBe(200);

    const admin = await ApiClient.signIn("gm.admin");
    const listed = (await admin.call("listMediaNodes")).body.nodes.find((n: { id: string }) => n.id === "gm-node");
    expect(listed).toMatchObject({ keyFingerprint: keyFingerprint(old.publicKey), keyResetAt: null, health: "up" });
    const reset = await admin.call("resetMediaNodeKey", { params: { id: "gm-node" }, body: { key: listed.keyFingerprint } });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toMatchObject({ id: "gm-node", retiredKey: keyFingerprint(old.publicKey) });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "media_node.key_reset", targetId: "gm-node" } });
    expect(audit).toMatchObject({ actorId: f.user("gm.admin"), data: { retiredKey: keyFingerprint(old.publicKey) } });
    expect((await admin.call("listMediaNodes")).body.nodes.find((n: { id: string }) => n.id === "gm-node")).toMatchObject({ keyFingerprint: null, keyResetAt: expect.any(String), figures: null });

    // The node running with the old key: its heartbeat is told to register, its registration refused.
    const beat = await heartbeat(old, first.boot);
    expect(beat.status).toBe(409);
    expect(beat.body.error.code).toBe("register_again");
    const again = await register(old);
    expect(again.answer.status).toBe(403);
    expect(again.answer.body.error.message).toMatch(/reset by an admin/);

    // A new key is trusted on first use again; its heartbeats are accepted; the old key stays refused.
    const fresh = ed25519PemKeyPair();
    const replaced = await register(fresh);
    expect(replaced.answer.status, JSON.stringify(replaced.answer.body)).toBe(200);
    expect(replaced.answer.body.outcome).toBe("key_changed");
    expect((await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "media_node.key_changed", targetId: "gm-node" } })).data).toMatchObject({ afterReset: true, previousKey: null, key: keyFingerprint(fresh.publicKey) });
    expect((await heartbeat(fresh, replaced.boot)).status).toBe(200);
    expect((await register(old)).answer.status).toBe(403);
    expect((await heartbeat(old, replaced.boot)).status).toBe(401);
    expect((await db.prisma.mediaNode.findUniqueOrThrow({ where: { id: "gm-node" } })).publicKey).toBe(fresh.publicKey);
  });

  it("is scoped to the node's subtree's admins, and refuses a stale fingerprint; refusals change nothing", async () => {
    const row = await db.prisma.mediaNode.findUniqueOrThrow({ where: { id: "gm-node" } });
    const key = keyFingerprint(row.publicKey);
    const expected = [["zh.admin", 404], ["hc.officer", 404], ["gm.inspector", 403], ["gm.officer", 403]] as const;
    const clients = await Promise.all(expected.map(([username]) => ApiClient.signIn(username)));
    const admin = await ApiClient.signIn("fs.admin");
    const before = await dataDigest(db);
    for (const [i, [username, status]] of expected.entries()) {
      const answer = await clients[i]!.call("resetMediaNodeKey", { params: { id: "gm-node" }, body: { key } });
      expect(answer.status, `${username} ${JSON.stringify(answer.body)}`).toBe(status);
    }
    const stale = await admin.call("resetMediaNodeKey", { params: { id: "gm-node" }, body: { key: "0123456789abcdef" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ key: "changed" });
    expect((await admin.call("resetMediaNodeKey", { params: { id: "no-such-node" }, body: { key } })).status).toBe(404);
    expect((await admin.call("resetMediaNodeKey", { params: { id: "gm-node" }, body: { key: "not hex" } })).status).toBe(400);
    expect(await dataDigest(db)).toBe(before);
  });

  it("stores the same reset sent 100 times at once as one reset, one audit event", async () => {
    const row = await db.prisma.mediaNode.findUniqueOrThrow({ where: { id: "gm-node" } });
    const key = keyFingerprint(row.publicKey);
    const admin = await ApiClient.signIn("fs.admin");
    const results = await times(TIMES, () => admin.call("resetMediaNodeKey", { params: { id: "gm-node" }, body: { key } }));
    expectOnly(results, [200, 409]);
    expect(countOf(results, 200)).toBe(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.fields.key)).toEqual(Array(TIMES - 1).fill("already_reset"));
    expect(await db.prisma.auditEvent.count({ where: { action: "media_node.key_reset", targetId: "gm-node", data: { path: ["retiredKey"], equals: key } } })).toBe(1);
    expect((await db.prisma.mediaNode.findUniqueOrThrow({ where: { id: "gm-node" } })).retiredKeys).toHaveLength(2);
  });
});
