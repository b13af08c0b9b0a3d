import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";

const metricsToken = "metrics-token-0123456789abcdef";

describe("media node resilience", () => {
  let fixture: NodeFixture;
  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "44000", MEDIA_RTC_MAX_PORT: "44999", METRICS_TOKEN: metricsToken });
  });
  afterAll(() => fixture?.stop());

  it("replaces a worker killed with SIGKILL, rebuilds its rooms and tells clients to rejoin, which works", async () => {
    const room = "worker-death";
    const alice = await TestClient.connect(fixture.url, await fixture.token({ sub: "alice", room }));
    const bob = await TestClient.connect(fixture.url, await fixture.token({ sub: "bob", room }));
    try {
      await alice.join();
      await alice.openTransports();
      await alice.produce("video");
      await bob.join();
      await bob.openTransports({ send: false });
      await bob.waitFor("newConsumer");

      const [worker] = fixture.node.pool.list();
      process.kill(worker!.pid, "SIGKILL");
      expect(await alice.waitFor("reconnect")).toEqual({ reason: "worker_died", retryAfterMs: 0 });
      await bob.waitFor("reconnect");
      expect(fixture.node.pool.list()[0]!.pid).not.toBe(worker!.pid);

      // Same sockets, fresh devices: the place is kept, the media is rebuilt.
      const alice2 = await TestClient.connect(fixture.url, await fixture.token({ sub: "alice", room }));
      const bob2 = await TestClient.connect(fixture.url, await fixture.token({ sub: "bob", room }));
      try {
        await alice2.join();
        await alice2.openTransports();
        await alice2.produce("video");
        expect((await bob2.join()).peers.map((p) => p.id)).toEqual(["alice"]);
        await bob2.openTransports({ send: false });
        await bob2.waitFor("newConsumer", (c) => c.peerId === "alice");
      } finally {
        alice2.close();
        bob2.close();
      }
    } finally {
      alice.close();
      bob.close();
    }
  });

  it("serves /health (minimal to anyone, detailed with the metrics token) and Prometheus /metrics (token only)", async () => {
    const health = await fetch(`${fixture.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const detailed = await fetch(`${fixture.url}/health`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(await detailed.json()).toMatchObject({ status: "ok", node: "test-node", workers: 1 });
    expect((await fetch(`${fixture.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${fixture.url}/metrics`, { headers: { authorization: "Bearer not-the-token-at-all" } })).status).toBe(401);
    const metrics = await (await fetch(`${fixture.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    for (const name of ["media_rooms", "media_peers", "media_producers", "media_consumers", "media_worker_cpu_seconds", "media_worker_objects", "media_transport_bitrate_bps"]) {
      expect(metrics).toContain(name);
    }
  });

  it("on drain tells every client to reconnect, then stops answering", async () => {
    const node = await startMediaNode({ MEDIA_RTC_MIN_PORT: "45000", MEDIA_RTC_MAX_PORT: "45999" });
    const client = await TestClient.connect(node.url, await node.token({ sub: "x", room: "drain" }));
    await client.join();
    const draining = node.node.drain(200);
    expect(await client.waitFor("reconnect")).toEqual({ reason: "draining", retryAfterMs: 2000 });
    await draining;
    await expect(fetch(`${node.url}/health`)).rejects.toThrow();
    client.close();
  });
});

describe("the media node's internal API", () => {
  it("closes a room for everyone when the portal asks with the shared secret, and refuses without it", async () => {
    const secret = "portal-internal-secret-0123456789abcdef";
    const node = await startMediaNode({
      MEDIA_RTC_MIN_PORT: "46000",
      MEDIA_RTC_MAX_PORT: "46999",
      PORTAL_URL: "http://127.0.0.1:9",
      PORTAL_INTERNAL_SECRET: secret,
    });
    const client = await TestClient.connect(node.url, await node.token({ sub: "p", room: "to-close" }));
    try {
      await client.join();
      const refused = await fetch(`${node.url}/internal/rooms/to-close/close`, { method: "POST", headers: { authorization: "Bearer nope" } });
      expect(refused.status).toBe(401);
      const closed = await fetch(`${node.url}/internal/rooms/to-close/close`, { method: "POST", headers: { authorization: `Bearer ${secret}` } });
      expect(closed.status).toBe(200);
      expect(await client.waitFor("roomClosed")).toEqual({ reason: "closed_by_portal" });
    } finally {
      client.close();
      await node.stop();
    }
  });
});

describe("spotlight and liveness challenge relay", () => {
  it("sends the called name to everyone and the challenge only to the called peer", async () => {
    const secret = "portal-internal-secret-0123456789abcdef";
    const node = await startMediaNode({ MEDIA_RTC_MIN_PORT: "48000", MEDIA_RTC_MAX_PORT: "48999", PORTAL_URL: "http://127.0.0.1:9", PORTAL_INTERNAL_SECRET: secret });
    const officer = await TestClient.connect(node.url, await node.token({ sub: "user:1", room: "rc", role: "staff" }));
    const a = await TestClient.connect(node.url, await node.token({ sub: "person:a", room: "rc" }));
    const b = await TestClient.connect(node.url, await node.token({ sub: "person:b", room: "rc" }));
    try {
      for (const c of [officer, a, b]) await c.join();
      const call = (body: unknown) =>
        fetch(`${node.url}/internal/rooms/rc/spotlight`, { method: "POST", headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify(body) });
      expect((await call({ peerId: "person:a", name: "张三", challenge: { kind: "digits", value: "4821" } })).status).toBe(200);
      expect(await a.waitFor("challenge")).toEqual({ kind: "digits", value: "4821" });
      expect(await b.waitFor("spotlight")).toEqual({ peerId: "person:a", name: "张三" });
      await officer.waitFor("spotlight");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(b.received.some((r) => r.event === "challenge")).toBe(false);
      expect(officer.received.some((r) => r.event === "challenge")).toBe(false);
      expect((await call({ peerId: "person:zzz", name: "x" })).status).toBe(404);
      expect((await call({ peerId: "person:a" })).status).toBe(400);
    } finally {
      for (const c of [officer, a, b]) c.close();
      await node.stop();
    }
  });
});
