import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import type { Database } from "@/lib/db/open-database";
import { signNodeReport } from "../../../server/src/protocol/node-report-proof.ts";
import type { NodeHeartbeat, NodeRegistration } from "../../../server/src/protocol/node-registry.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { demoFixtures } from "../support/fixtures.ts";

const asNode = { authorization: `Bearer ${process.env.PORTAL_INTERNAL_SECRET!}` };

/**
 * Issue 11 §1 under load: many first registrations of one node id at once, each with its own key,
 * leave exactly one key holding the id; the same registration or heartbeat sent 100× at once is
 * applied (and audited) once.
 */
describe.each(ENGINES)("media node registration under 100 concurrent requests (%s)", (engine) => {
  let db: Database;
  let unit: string;
  const node = new ApiClient();

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    unit = (await demoFixtures(db)).unit("荷城司法所");
  });
  afterAll(async () => {
    await expectIntactChain(db);
    await closeDatabase();
  });

  const registration = (id: string, publicKey: string, boot = randomUUID()): NodeRegistration => ({
    type: "register", node: id, unit, publicUrl: "http://hc.test:4443", internalUrl: "http://10.0.5.1:4443", parent: null, publicKey, boot, sentAt: new Date().toISOString(),
  });

  it("one key wins a node id claimed by 100 keys at once; the others are refused and nothing else is written", async () => {
    const keys = Array.from({ length: TIMES }, () => ed25519PemKeyPair());
    const bodies = await Promise.all(keys.map(async (k) => {
      const report = registration("race-node", k.publicKey);
      return { report, proof: await signNodeReport(k.privateKey, "race-node", report) };
    }));
    const results = await times(TIMES, (i) => node.call("registerMediaNode", { body: bodies[i], headers: asNode }));
    expectOnly(results, [200, 403]);
    expect(countOf(results, 200)).toBe(1);
    const winner = results.findIndex((r) => r.status === 200);
    const row = await db.prisma.mediaNode.findUniqueOrThrow({ where: { id: "race-node" } });
    expect(row.publicKey).toBe(keys[winner]!.publicKey);
    expect(await db.prisma.auditEvent.count({ where: { targetId: "race-node" } })).toBe(1);
  });

  it("the same registration 100× at once registers once; the same heartbeat 100× at once is applied once", async () => {
    const k = ed25519PemKeyPair();
    const report = registration("twin-node", k.publicKey);
    const body = { report, proof: await signNodeReport(k.privateKey, "twin-node", report) };
    const results = await times(TIMES, () => node.call("registerMediaNode", { body, headers: asNode }));
    expectOnly(results, [200]);
    expect(results.filter((r) => r.body.outcome === "registered")).toHaveLength(1);
    expect(await db.prisma.auditEvent.count({ where: { targetId: "twin-node" } })).toBe(1);

    const heartbeat: NodeHeartbeat = {
      type: "heartbeat", node: "twin-node", boot: report.boot, seq: 1, sentAt: new Date().toISOString(),
      figures: { rooms: 1, peers: 2, workers: [{ pid: 1, cpuPercent: 3 }], processCpuPercent: 1, rssBytes: 1000, links: [], recordings: 0 },
    };
    const beat = { report: heartbeat, proof: await signNodeReport(k.privateKey, "twin-node", heartbeat) };
    const beats = await times(TIMES, () => node.call("mediaNodeHeartbeat", { body: beat, headers: asNode }));
    expectOnly(beats, [200, 409]);
    expect(countOf(beats, 200)).toBe(1);
    expect(await db.prisma.mediaNode.findUniqueOrThrow({ where: { id: "twin-node" } })).toMatchObject({ seq: 1, figures: heartbeat.figures });
    expect(await db.prisma.auditEvent.count({ where: { targetId: "twin-node" } })).toBe(1);
  });
});
