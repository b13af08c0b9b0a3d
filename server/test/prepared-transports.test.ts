import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "../src/protocol/errors.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";
import { watchWorkers, type WorkerCensus } from "./support/worker-census.ts";
import { warmTransport } from "../../web/lib/media-client/warm-transport.ts";

// Issue 14: transports made before `join` (the join screen, a person waiting on a link). Counted
// on the real worker: what the node forgets but the worker keeps is the leak these look for.

const moderatorGrants = { publish: true, subscribe: true, observe: false, moderate: true };
const observerGrants = { publish: false, subscribe: true, observe: true, moderate: false };
const TTL_SECONDS = 4;

describe("transports prepared before join (real worker, real socket.io)", () => {
  let fixture: NodeFixture;
  let census: () => Promise<WorkerCensus>;
  const clients: TestClient[] = [];
  let roomCounter = 0;
  let room = "";
  const connect = async (sub: string, extra: Record<string, unknown> = {}) => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub, room, ...extra }));
    clients.push(client);
    return client;
  };
  /** `join` with the device as it stands (loaded before, as the join screen leaves it). */
  const joinNow = (client: TestClient) => client.ok("join", { rtpCapabilities: client.device.rtpCapabilities as unknown as Record<string, unknown> });
  /** A moderator in the room, sending video. */
  const hostSending = async () => {
    const host = await connect("host", { role: "staff", grants: moderatorGrants });
    await host.join();
    await host.openTransports();
    await host.produce("video");
    return host;
  };
  /** The person's join adopts both its prepared transports, and media flows both ways on them: nothing new on the worker. */
  const joinAdoptsBoth = async (host: TestClient, person: TestClient) => {
    const joined = await joinNow(person);
    expect(new Set(joined.prepared)).toEqual(new Set([person.sendTransport!.id, person.recvTransport!.id]));
    // The adopted receiving transport is offered what the room already has, as a new one would be.
    await person.waitFor("newConsumer", (c) => c.peerId === "host" && c.kind === "video");
    await person.produce("audio");
    await host.waitFor("newConsumer", (c) => c.peerId === "person" && c.kind === "audio");
    expect((await census()).transports).toBe(4);
  };

  beforeAll(async () => {
    fixture = await startMediaNode({
      MEDIA_RTC_MIN_PORT: "48000",
      MEDIA_RTC_MAX_PORT: "48999",
      MEDIA_REQUEST_BURST: "500",
      MEDIA_REQUESTS_PER_SECOND: "500",
      MEDIA_ROOM_EMPTY_GRACE_SECONDS: "1",
      MEDIA_PREPARED_TRANSPORT_SECONDS: String(TTL_SECONDS),
    });
    ({ census } = watchWorkers(fixture.node.pool));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    room = `prepared-${++roomCounter}`;
    await expect.poll(async () => (await census()).routers, { timeout: 8000 }).toBe(0);
  });
  afterAll(() => fixture?.stop());

  it("makes both transports before join, unseen by the room; the join adopts them and media flows on them", async () => {
    room = "prepared-flow";
    const host = await hostSending();

    const person = await connect("person");
    await person.loadDevice();
    await person.openTransports();
    const before = await census();
    expect(before.transports).toBe(4);
    // Nobody in the room heard of the person, and nothing is offered to it yet.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(host.received.filter((r) => JSON.stringify(r.payload ?? {}).includes("person"))).toEqual([]);
    expect(person.received.filter((r) => r.event === "newConsumer")).toEqual([]);
    // Media on them needs the join.
    expect(await person.request("produce", { transportId: person.sendTransport!.id, kind: "audio", rtpParameters: { codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2 }] }, source: "mic" })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });

    await joinAdoptsBoth(host, person);
  });

  it("connects them before join (ICE + DTLS while the screen shows), still unseen; the join adopts them connected", async () => {
    room = "prepared-warm";
    const host = await hostSending();

    const person = await connect("person");
    await person.loadDevice();
    await person.openTransports();
    // The browser's own warm-up: a data channel that only the page knows of, on each transport.
    expect(await warmTransport(person.recvTransport!)).toBe(true);
    expect(await warmTransport(person.sendTransport!)).toBe(true);
    // The node took each connect once: a second one is refused as already connected.
    for (const transport of [person.recvTransport!, person.sendTransport!]) {
      expect(await person.request("connectTransport", { transportId: transport.id, dtlsParameters: { role: "client", fingerprints: [{ algorithm: "sha-256", value: "AB" }] } })).toMatchObject({
        ok: false,
        error: { code: "invalid_state" },
      });
    }
    // Nothing on the worker but the four transports (no data producer or consumer was made), and
    // nobody in the room heard of the person.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await census()).toMatchObject({ transports: 4 });
    expect(host.received.filter((r) => JSON.stringify(r.payload ?? {}).includes("person"))).toEqual([]);
    expect(person.received).toEqual([]);

    // No second connect is asked of the node (mediasoup-client connects a transport once): the
    // consumer and the producer go straight onto the connected transports.
    await joinAdoptsBoth(host, person);
  });

  it("connects only its own prepared transport, once, however many connects arrive at once", async () => {
    const host = await connect("host", { role: "staff", grants: moderatorGrants });
    await host.join();
    const person = await connect("person");
    await person.loadDevice();
    const other = await connect("other");
    await other.loadDevice();
    const mine = await person.ok("createTransport", { direction: "recv" });
    const theirs = await other.ok("createTransport", { direction: "recv" });
    expect(mine.sctpParameters).toMatchObject({ OS: 1, MIS: 1 });
    const dtlsParameters = { role: "client" as const, fingerprints: [{ algorithm: "sha-256" as const, value: "AB:CD" }] };
    // Another socket's transport, or one that does not exist: refused, and nothing changes.
    for (const transportId of [theirs.id, "no-such-transport"]) {
      expect(await person.request("connectTransport", { transportId, dtlsParameters })).toMatchObject({ ok: false, error: { code: "invalid_state" } });
    }
    expect(await other.request("connectTransport", { transportId: theirs.id, dtlsParameters })).toMatchObject({ ok: true });
    const emit = person.socket.timeout(20_000).emitWithAck.bind(person.socket) as (name: string, payload: unknown) => Promise<Ack<unknown>>;
    const answers = await Promise.all(Array.from({ length: 100 }, () => emit("connectTransport", { transportId: mine.id, dtlsParameters })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(new Set(answers.filter((a) => !a.ok).map((a) => (a as { error: { code: string } }).error.code))).toEqual(new Set(["invalid_state"]));
    // Each connected by its own socket, once.
    expect(await census()).toMatchObject({ transports: 2, connected: 2 });
    // A room locked meanwhile: a newcomer's prepared transport may not be connected any more.
    const late = await connect("late");
    await late.loadDevice();
    const lateOne = await late.ok("createTransport", { direction: "send" });
    await host.ok("lockRoom", { locked: true });
    expect(await late.request("connectTransport", { transportId: lateOne.id, dtlsParameters })).toMatchObject({ ok: false, error: { code: "room_locked" } });
    person.close();
    other.close();
    late.close();
    await expect.poll(async () => (await census()).transports, { timeout: 8000 }).toBe(0);
  });

  it("keeps one per direction however many are asked at once, and frees them when the socket goes", async () => {
    const host = await connect("host", { role: "staff", grants: moderatorGrants });
    await host.join();
    const person = await connect("person");
    await person.loadDevice();
    const emit = person.socket.timeout(20_000).emitWithAck.bind(person.socket) as (name: string, payload: unknown) => Promise<Ack<unknown>>;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => emit("createTransport", { direction: i % 2 ? "send" : "recv" })));
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    // Made, not connected: nobody asked for that.
    expect(await census()).toMatchObject({ transports: 2, connected: 0 });
    person.close();
    await expect.poll(async () => (await census()).transports, { timeout: 8000 }).toBe(0);
  });

  it("closes what was never joined after the deadline; the join then adopts nothing and a fresh one works", async () => {
    const host = await connect("host", { role: "staff", grants: moderatorGrants });
    await host.join();
    const person = await connect("person");
    await person.loadDevice();
    const info = await person.ok("createTransport", { direction: "recv" });
    expect(info.expiresInMs).toBe(TTL_SECONDS * 1000);
    expect((await census()).transports).toBe(1);
    await expect.poll(async () => (await census()).transports, { timeout: (TTL_SECONDS + 10) * 1000, interval: 500 }).toBe(0);
    const joined = await joinNow(person);
    expect(joined.prepared).toEqual([]);
    const fresh = await person.ok("createTransport", { direction: "recv" });
    expect(fresh.expiresInMs).toBeUndefined();
  }, 30_000);

  it("refuses them exactly where a join is refused: barred, locked, a token that may not publish, a guest in a roll call", async () => {
    const host = await connect("host", { role: "staff", grants: moderatorGrants });
    await host.join();
    const guest = await connect("guest");
    await guest.join();
    await host.ok("removePeer", { peerId: "guest", reason: "不当言论" });
    const again = await connect("guest");
    expect(await again.request("createTransport", { direction: "recv" })).toMatchObject({ ok: false, error: { code: "forbidden", message: "不当言论" } });

    const observer = await connect("inspector", { role: "staff", grants: observerGrants });
    expect(await observer.request("createTransport", { direction: "send" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await observer.request("createTransport", { direction: "recv" })).toMatchObject({ ok: true });

    await host.ok("lockRoom", { locked: true });
    const late = await connect("late");
    expect(await late.request("createTransport", { direction: "recv" })).toMatchObject({ ok: false, error: { code: "room_locked" } });

    const rollcallGuest = await connect("stranger", { room: `${room}-rc`, kind: "rollcall", role: "guest" });
    expect(await rollcallGuest.request("createTransport", { direction: "recv" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // The refused ones made nothing on the worker: the observer's receiving transport is the only one.
    expect((await census()).transports).toBe(1);
  });

  it("keeps a room nobody has joined while a connection holds prepared transports in it (a console ready before the roll call opens)", async () => {
    // The officer's token names a room the node has never seen: the first use creates it.
    const officer = await connect("user:officer", { room: `${room}-rc`, kind: "rollcall", role: "staff", grants: moderatorGrants });
    await officer.loadDevice();
    await officer.openTransports();
    expect(await census()).toMatchObject({ routers: 1, transports: 2 });
    // Well past the empty grace (1 s here): still there, both transports with it.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await census()).toMatchObject({ routers: 1, transports: 2 });
    // The click: the join adopts both, and the room is an ordinary one with a peer in it.
    const joined = await joinNow(officer);
    expect(new Set(joined.prepared)).toEqual(new Set([officer.sendTransport!.id, officer.recvTransport!.id]));
    await officer.produce("video");
    expect((await census()).transports).toBe(2);
  });

  it("lets such a room close once its prepared transports are gone: at their deadline, then the grace; a join then builds fresh ones", async () => {
    const person = await connect("person");
    await person.loadDevice();
    await person.ok("createTransport", { direction: "recv" });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await census()).routers).toBe(1);
    // Nobody joined: the transport goes at its deadline (4 s here), the room 1 s after.
    await expect.poll(async () => (await census()).routers, { timeout: (TTL_SECONDS + 8) * 1000, interval: 250 }).toBe(0);
    expect((await census()).transports).toBe(0);
    const joined = await joinNow(person);
    expect(joined.prepared).toEqual([]);
    expect(await person.request("createTransport", { direction: "recv" })).toMatchObject({ ok: true });
  }, 20_000);

  it("lets such a room close when the socket holding them goes", async () => {
    const person = await connect("person");
    await person.loadDevice();
    await person.openTransports();
    expect((await census()).routers).toBe(1);
    person.close();
    await expect.poll(async () => (await census()).routers, { timeout: 5000, interval: 250 }).toBe(0);
  });

  it("a prepare-only token (a person waiting for the roll call to open) prepares and connects but joins only with the join token sent on the same socket", async () => {
    const rc = { room: `${room}-rc`, kind: "rollcall" as const, role: "participant" as const, sees: "staff" as const };
    const person = await connect("person:p1", { ...rc, prepareOnly: true });
    await person.loadDevice();
    await person.openTransports();
    expect(await warmTransport(person.recvTransport!)).toBe(true);
    expect(await warmTransport(person.sendTransport!)).toBe(true);
    const rtpCapabilities = person.device.rtpCapabilities as unknown as Record<string, unknown>;
    const before = await census();
    // Not yet open: its own token joins nothing, however often it asks.
    const early = await Promise.all(Array.from({ length: 20 }, () => person.request("join", { rtpCapabilities })));
    expect(new Set(early.map((a) => (a.ok ? "ok" : a.error.code)))).toEqual(new Set(["forbidden"]));
    // Another bearer's join token, another room's, another kind's, a forged one, or another prepare-only one: refused.
    const refusedTokens = [
      await fixture.token({ ...rc, sub: "person:p2" }),
      await fixture.token({ ...rc, sub: "person:p1", room: `${room}-other` }),
      await fixture.token({ ...rc, sub: "person:p1", kind: "meeting" }),
      `${(await fixture.token({ ...rc, sub: "person:p1" })).slice(0, -4)}AAAA`,
      await fixture.token({ ...rc, sub: "person:p1", prepareOnly: true }),
    ];
    const answers = await Promise.all(refusedTokens.map((token) => person.request("join", { rtpCapabilities, token })));
    expect(answers.map((a) => (a.ok ? "ok" : a.error.code))).toEqual(["forbidden", "forbidden", "forbidden", "unauthenticated", "forbidden"]);
    // Nothing changed on the worker: the same transports, still unjoined.
    expect(await census()).toEqual(before);

    // The officer opens the call and joins; the portal now gives the person its join token.
    const officer = await connect("user:officer", { ...rc, role: "staff", sees: "everyone", grants: moderatorGrants });
    await officer.join();
    await officer.openTransports();
    await officer.produce("video");
    const joined = await person.ok("join", { rtpCapabilities, token: await fixture.token({ ...rc, sub: "person:p1" }) });
    expect(new Set(joined.prepared)).toEqual(new Set([person.sendTransport!.id, person.recvTransport!.id]));
    await person.waitFor("newConsumer", (c) => c.peerId === "user:officer" && c.kind === "video");
    await person.produce("audio");
    await officer.waitFor("newConsumer", (c) => c.peerId === "person:p1" && c.kind === "audio");
    expect((await census()).transports).toBe(4);
  });

  it("a waiting peer in the lobby keeps its prepared transports until it is admitted and joins", async () => {
    const host = await connect("host", { role: "staff", grants: moderatorGrants });
    await host.join();
    const visitor = await connect("visitor", { lobby: true });
    await visitor.loadDevice();
    await visitor.openTransports();
    const waiting = await joinNow(visitor);
    expect(waiting.lobby).toBe(true);
    expect(waiting.prepared).toBeUndefined();
    expect((await census()).transports).toBe(2);
    await host.ok("admitPeer", { peerId: "visitor" });
    await visitor.waitFor("admitted");
    const joined = await joinNow(visitor);
    expect(joined.lobby).toBe(false);
    expect(joined.prepared).toHaveLength(2);
  });
});
