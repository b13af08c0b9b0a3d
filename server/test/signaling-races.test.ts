import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "../src/protocol/errors.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";
import { watchWorkers, type WorkerCensus } from "./support/worker-census.ts";

const moderatorGrants = { publish: true, subscribe: true, observe: false, moderate: true };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` copies of one request at once, unawaited in between: what a hostile client does. */
function burst(client: TestClient, name: string, payload: (i: number) => unknown, count = 100): Promise<Array<Ack<unknown>>> {
  const emit = client.socket.timeout(20_000).emitWithAck.bind(client.socket) as (name: string, payload: unknown) => Promise<Ack<unknown>>;
  // A request still waiting when the node ends the connection (the room closed) gets no answer:
  // counted as "disconnected", not thrown (it made the closeRoom race below flaky under load).
  const gone = { ok: false, error: { code: "disconnected", message: "socket has been disconnected" } } as unknown as Ack<unknown>;
  return Promise.all(Array.from({ length: count }, (_, i) => emit(name, payload(i)).catch(() => gone)));
}

const codes = (answers: Array<Ack<unknown>>) => answers.map((a) => (a.ok ? "ok" : a.error.code));

describe("concurrent and interleaved requests of one peer (real worker, counted on the worker)", () => {
  let fixture: NodeFixture;
  let census: () => Promise<WorkerCensus>;
  const clients: TestClient[] = [];
  const connect = async (sub: string, room: string, extra: Record<string, unknown> = {}) => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub, room, ...extra }));
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // Enough rate for 100 at once; the rate limit has its own tests.
    fixture = await startMediaNode({
      MEDIA_RTC_MIN_PORT: "49000",
      MEDIA_RTC_MAX_PORT: "49999",
      MEDIA_REQUEST_BURST: "2000",
      MEDIA_REQUESTS_PER_SECOND: "2000",
      MEDIA_PEER_RECONNECT_GRACE_SECONDS: "1",
      MEDIA_ROOM_EMPTY_GRACE_SECONDS: "0",
    });
    ({ census } = watchWorkers(fixture.node.pool));
  });
  // Each test starts on an empty worker, so its counts are its own.
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await expect.poll(async () => (await census()).routers, { timeout: 8000 }).toBe(0);
  });
  afterAll(() => fixture?.stop());

  it("1,000 concurrent createTransport make at most 4 transports on the worker", async () => {
    const guest = await connect("guest", "transports");
    await guest.join();
    const answers = codes(await burst(guest, "createTransport", () => ({ direction: "recv" }), 1000));
    expect(answers.filter((c) => c === "ok")).toHaveLength(4);
    expect(new Set(answers.filter((c) => c !== "ok"))).toEqual(new Set(["limit_exceeded"]));
    expect((await census()).transports).toBe(4);
    guest.close();
  });

  it("100 concurrent produce(camera) make one producer, offered once to the other peer", async () => {
    const publisher = await connect("publisher", "produce");
    const watcher = await connect("watcher", "produce");
    await publisher.join();
    await watcher.join();
    await watcher.openTransports({ send: false });
    await publisher.openTransports({ recv: false });
    const before = await census();
    const transportId = publisher.sendTransport!.id;
    const answers = codes(
      await burst(publisher, "produce", (i) => ({
        transportId,
        kind: "video",
        source: "camera",
        rtpParameters: { mid: String(i), codecs: [{ mimeType: "video/VP8", payloadType: 96, clockRate: 90000 }], encodings: [{ ssrc: 10_000 + i }] },
      })),
    );
    expect(answers.filter((c) => c === "ok")).toHaveLength(1);
    expect(new Set(answers.filter((c) => c !== "ok"))).toEqual(new Set(["invalid_state"]));
    await sleep(300);
    const after = await census();
    expect(after.producers - before.producers).toBe(1);
    expect(after.consumers - before.consumers).toBe(1);
    expect(watcher.received.filter((r) => r.event === "newConsumer")).toHaveLength(1);
  });

  it("every request sent 100 times at once, then leave and disconnect: no limit exceeded, nothing left on the worker", async () => {
    const room = "everything";
    const host = await connect("host", room, { role: "staff", grants: moderatorGrants });
    const peer = await connect("peer", room);
    await host.join();
    await host.openTransports();
    await host.produce("audio");
    await peer.join();
    await peer.openTransports();
    const mic = await peer.produce("audio");
    const consumerId = (await peer.waitFor("newConsumer")).consumerId;
    const sendId = peer.sendTransport!.id;
    const rtpCapabilities = peer.device.rtpCapabilities;
    const dtlsParameters = { role: "client", fingerprints: [{ algorithm: "sha-256", value: "AA:".repeat(31) + "AA" }] };
    const rounds: Array<[string, (i: number) => unknown]> = [
      ["getRouterRtpCapabilities", () => ({})],
      ["createTransport", (i) => ({ direction: i % 2 ? "send" : "recv" })],
      ["connectTransport", () => ({ transportId: sendId, dtlsParameters })],
      ["restartIce", () => ({ transportId: sendId })],
      ["produce", (i) => ({ transportId: sendId, kind: "audio", source: "mic", rtpParameters: { codecs: [{ mimeType: "audio/opus", payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 20_000 + i }] } })],
      ["setProducerPaused", (i) => ({ producerId: mic.id, paused: i % 2 === 0 })],
      ["resumeConsumer", () => ({ consumerId })],
      ["setConsumerPaused", (i) => ({ consumerId, paused: i % 2 === 0 })],
      ["setConsumerLayers", (i) => ({ consumerId, spatialLayer: i % 3 })],
      ["closeProducer", () => ({ producerId: mic.id })],
      ["join", () => ({ rtpCapabilities })],
    ];
    for (const [name, payload] of rounds) {
      const answers = codes(await burst(peer, name, payload));
      expect(answers, name).not.toContain("internal");
      const now = await census();
      // host: 2 transports; peer: at most 4.
      expect(now.transports, name).toBeLessThanOrEqual(6);
      // host's mic and at most one mic of the peer's.
      expect(now.producers, name).toBeLessThanOrEqual(2);
    }
    for (const [name, payload] of [
      ["mutePeer", () => ({ peerId: "peer", source: "all" })],
      ["lockRoom", (i: number) => ({ locked: i % 2 === 0 })],
      ["admitPeer", () => ({ peerId: "nobody" })],
      ["rejectPeer", () => ({ peerId: "nobody", reason: "" })],
      ["removePeer", () => ({ peerId: "nobody", reason: "" })],
    ] as const) {
      expect(codes(await burst(host, name, payload)), name).not.toContain("internal");
    }
    // Interleaved: a burst of transports with a leave and a disconnect in the middle.
    const storm = burst(peer, "createTransport", (i) => ({ direction: i % 2 ? "send" : "recv" }));
    const leaving = peer.request("leave", {});
    const more = burst(peer, "createTransport", () => ({ direction: "recv" }));
    peer.close();
    await Promise.allSettled([storm, leaving, more]);
    await host.waitFor("peerLeft", (e) => e.peerId === "peer", 5000);
    await expect.poll(async () => (await census()).transports, { timeout: 3000 }).toBe(2);
    host.close();
    // The room closes once empty: the worker holds nothing of it.
    await expect.poll(async () => census(), { timeout: 8000 }).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });
  });

  it("100 concurrent closeRoom, interleaved with the other peer's requests, close the room once and leave nothing", async () => {
    const host = await connect("host", "close-race", { role: "staff", grants: moderatorGrants });
    const peer = await connect("peer", "close-race");
    await host.join();
    await host.openTransports();
    await host.produce("audio");
    await peer.join();
    const closing = burst(host, "closeRoom", () => ({ reason: "done" }));
    const meanwhile = burst(peer, "createTransport", (i) => ({ direction: i % 2 ? "send" : "recv" }));
    const answers = [...codes(await closing), ...codes(await meanwhile)];
    expect(answers).not.toContain("internal");
    expect(answers.filter((c) => c === "ok").length).toBeGreaterThan(0);
    await expect.poll(() => census(), { timeout: 5000 }).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });
  });

  it("leave racing createTransport leaks no transport (50 tries)", async () => {
    const stay = await connect("stay", "leave-race");
    await stay.join();
    await stay.openTransports();
    const base = (await census()).transports;
    for (let i = 0; i < 50; i++) {
      const racer = await TestClient.connect(fixture.url, await fixture.token({ sub: `racer-${i}`, room: "leave-race" }));
      await racer.join();
      await Promise.all([racer.request("createTransport", { direction: "recv" }), racer.request("leave", {})]);
      racer.close();
    }
    await sleep(200);
    expect((await census()).transports).toBe(base);
    stay.close();
  });

  it("a disconnect 0–5 ms after a join that opens a new room leaves no ghost: the room closes", async () => {
    for (let delay = 0; delay <= 5; delay++) {
      const room = `ghost-${delay}`;
      const client = await TestClient.connect(fixture.url, await fixture.token({ sub: "ghost", room }));
      void client.request("join", { rtpCapabilities: {} }).catch(() => undefined);
      await sleep(delay);
      client.close();
    }
    // Reconnect grace 1 s, then the empty room closes.
    await expect
      .poll(() => [0, 1, 2, 3, 4, 5].filter((d) => fixture.node.rooms.get(`ghost-${d}`)), { timeout: 10_000, interval: 250 })
      .toEqual([]);
  });

  it("leaving from the lobby takes the place in the queue back", async () => {
    const host = await connect("host", "lobby-leave", { role: "staff", grants: moderatorGrants });
    await host.join();
    const visitor = await connect("visitor", "lobby-leave", { lobby: true });
    expect((await visitor.join()).lobby).toBe(true);
    await host.waitFor("lobbyChanged", (e) => e.waiting.length === 1);
    await visitor.ok("leave", {});
    await host.waitFor("lobbyChanged", (e) => e.waiting.length === 0);
    expect(await host.request("admitPeer", { peerId: "visitor" })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
