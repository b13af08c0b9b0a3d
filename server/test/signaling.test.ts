import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";

const moderatorGrants = { publish: true, subscribe: true, observe: false, moderate: true };
const observerGrants = { publish: false, subscribe: true, observe: true, moderate: false };

describe("media node signaling (real worker, real socket.io)", () => {
  let fixture: NodeFixture;
  const clients: TestClient[] = [];
  const connect = async (sub: string, extra: Record<string, unknown> = {}) => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub, ...extra }));
    clients.push(client);
    return client;
  };
  let roomCounter = 0;
  let room = "";
  /** A moderator, then a person, joined to the room with both transports open. */
  const hostAndPerson = async () => {
    const host = await connect("host", { room, role: "staff", grants: moderatorGrants });
    const person = await connect("person", { room });
    await host.join();
    await host.openTransports();
    await person.join();
    await person.openTransports();
    return { host, person };
  };

  beforeAll(async () => {
    fixture = await startMediaNode();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    room = `room-${++roomCounter}`;
  });
  afterAll(() => fixture?.stop());

  it("lets two peers join, publish audio and simulcast video, and consume each other", async () => {
    room = "media-room";
    const alice = await connect("alice", { room });
    const bob = await connect("bob", { room });
    const aliceJoin = await alice.join();
    expect(aliceJoin).toMatchObject({ lobby: false, peers: [], self: { id: "alice" } });
    await alice.openTransports();
    await alice.produce("audio");
    const video = await alice.produce("video");
    expect(video.rtpParameters.encodings).toHaveLength(3);

    const bobJoin = await bob.join();
    expect(bobJoin.peers.map((p) => p.id)).toEqual(["alice"]);
    expect(bobJoin.peers[0]!.producers.map((p) => p.source).sort()).toEqual(["camera", "mic"]);
    await bob.openTransports();
    await bob.waitFor("newConsumer", (c) => c.kind === "video");
    await bob.waitFor("newConsumer", (c) => c.kind === "audio");
    await expect.poll(() => bob.consumers.size, { timeout: 3000 }).toBe(2);
    for (const id of bob.consumers.keys()) expect(await bob.request("resumeConsumer", { consumerId: id })).toEqual({ ok: true, data: {} });
    const videoConsumer = [...bob.consumers.values()].find((c) => c.kind === "video")!;
    expect(await bob.request("setConsumerLayers", { consumerId: videoConsumer.id, spatialLayer: 2 })).toMatchObject({ ok: true });
    expect(await bob.request("setConsumerPaused", { consumerId: videoConsumer.id, paused: true })).toMatchObject({ ok: true });

    // Alice is told about Bob; a new producer of Bob's reaches Alice as a consumer.
    await alice.waitFor("peerJoined", (e) => e.peer.id === "bob");
    await bob.produce("audio");
    await alice.waitFor("newConsumer", (c) => c.peerId === "bob" && c.kind === "audio");
  });

  it("restarts ICE on request and returns new ICE parameters", async () => {
    const alice = await connect("alice", { room });
    await alice.join();
    await alice.openTransports({ send: false });
    const before = alice.recvTransport!;
    const result = await alice.ok("restartIce", { transportId: before.id });
    expect(result.iceParameters.usernameFragment).toBeTruthy();
  });

  it("pauses a producer server-side when a moderator mutes it, and tells everyone", async () => {
    const { host, person } = await hostAndPerson();
    const mic = await person.produce("audio");
    const consumer = await host.waitFor("newConsumer", (c) => c.producerId === mic.id);

    expect(await host.request("mutePeer", { peerId: "person", source: "mic" })).toEqual({ ok: true, data: {} });
    expect(await person.waitFor("mutedByModerator")).toEqual({ producerId: mic.id, source: "mic" });
    await host.waitFor("consumerPaused", (e) => e.consumerId === consumer.consumerId);
    const update = await host.waitFor("peerUpdated", (e) => e.peer.id === "person" && e.peer.producers.some((p) => p.mutedByModerator));
    expect(update.peer.producers[0]).toMatchObject({ paused: true, mutedByModerator: true });
    // The person cannot simply unmute what the moderator muted.
    expect(await person.request("setProducerPaused", { producerId: mic.id, paused: false })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("keeps a moderator's mute when the muted peer comes back and publishes again", async () => {
    const { host, person } = await hostAndPerson();
    await person.produce("audio");
    await host.ok("mutePeer", { peerId: "person", source: "mic" });
    await person.waitFor("mutedByModerator");
    person.close();

    const back = await connect("person", { room });
    await back.join();
    await back.openTransports();
    const mic = await back.produce("audio");
    expect(await back.waitFor("mutedByModerator", (e) => e.producerId === mic.id)).toEqual({ producerId: mic.id, source: "mic" });
    const offer = await host.waitFor("newConsumer", (c) => c.producerId === mic.id);
    expect(offer.producerPaused).toBe(true);
    expect(await back.request("setProducerPaused", { producerId: mic.id, paused: false })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("removes a peer with a reason, and its token no longer opens the room", async () => {
    const host = await connect("host", { room, role: "staff", grants: moderatorGrants });
    const guest = await connect("guest", { room });
    await host.join();
    await guest.join();
    await host.ok("removePeer", { peerId: "guest", reason: "不当言论" });
    expect(await guest.waitFor("removed")).toEqual({ reason: "不当言论" });
    await host.waitFor("peerLeft", (e) => e.peerId === "guest");
    const again = await connect("guest", { room });
    expect(await again.request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "forbidden", message: "不当言论" } });
  });

  it("keeps joiners in the lobby until a moderator admits or rejects them", async () => {
    const host = await connect("host", { room, role: "staff", grants: moderatorGrants });
    await host.join();
    const waiting = await connect("visitor", { room, lobby: true });
    expect((await waiting.join()).lobby).toBe(true);
    // Media stays out of reach in the lobby: no connect, no produce (a transport made here is only prepared).
    expect(await waiting.request("connectTransport", { transportId: "t", dtlsParameters: { role: "client", fingerprints: [{ algorithm: "sha-256", value: "AB" }] } })).toMatchObject({ ok: false, error: { code: "invalid_state" } });
    await host.waitFor("lobbyChanged", (e) => e.waiting.some((w) => w.peerId === "visitor"));
    await host.ok("admitPeer", { peerId: "visitor" });
    await waiting.waitFor("admitted");
    expect((await waiting.join()).lobby).toBe(false);

    const refused = await connect("stranger", { room, lobby: true });
    expect((await refused.join()).lobby).toBe(true);
    await host.ok("rejectPeer", { peerId: "stranger", reason: "" });
    expect((await refused.waitFor("rejected")).reason).toMatch(/did not admit/);
  });

  it("refuses new identities in a locked room, but not moderators", async () => {
    const host = await connect("host", { room, role: "staff", grants: moderatorGrants });
    await host.join();
    await host.ok("lockRoom", { locked: true });
    const late = await connect("late", { room });
    expect(await late.request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "room_locked" } });
    const cohost = await connect("cohost", { room, role: "staff", grants: moderatorGrants });
    expect((await cohost.join()).lobby).toBe(false);
  });

  it("never shows an observer to non-staff peers, but shows it to staff", async () => {
    const person = await connect("person", { room });
    const officer = await connect("officer", { room, role: "staff", grants: moderatorGrants });
    await person.join();
    await officer.join();
    const observer = await connect("inspector", { room, role: "staff", grants: observerGrants });
    const joined = await observer.join();
    expect(joined.peers.map((p) => p.id).sort()).toEqual(["officer", "person"]);
    await officer.waitFor("peerJoined", (e) => e.peer.id === "inspector" && e.peer.observer);
    const late = await connect("late", { room });
    expect((await late.join()).peers.map((p) => p.id).sort()).toEqual(["officer", "person"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(person.received.filter((r) => JSON.stringify(r.payload ?? {}).includes("inspector"))).toEqual([]);
    expect(await observer.request("createTransport", { direction: "send" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("lists an unlisted observer (a superior's inspection) to nobody, staff included, while it receives the room", async () => {
    const officer = await connect("officer", { room, role: "staff", grants: moderatorGrants });
    await officer.join();
    await officer.openTransports();
    await officer.produce("video");
    const inspector = await connect("insp:view-1", { room, role: "staff", grants: observerGrants, unlisted: true });
    expect((await inspector.join()).peers.map((p) => p.id)).toEqual(["officer"]);
    await inspector.openTransports({ send: false });
    await inspector.waitFor("newConsumer");
    const cohost = await connect("cohost", { room, role: "staff", grants: moderatorGrants });
    expect((await cohost.join()).peers.map((p) => p.id)).toEqual(["officer"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const client of [officer, cohost]) expect(client.received.filter((r) => JSON.stringify(r.payload ?? {}).includes("insp:view-1"))).toEqual([]);
  });

  it("refuses a token that makes anyone but an observer unlisted", async () => {
    await expect(connect("hidden-host", { room, role: "staff", grants: moderatorGrants, unlisted: true })).rejects.toThrow();
  });

  it("shows a staff-only participant (roll call) the officers alone: no other participant, their media or their events", async () => {
    const officer = await connect("officer", { room, role: "staff", grants: moderatorGrants });
    const first = await connect("person-a", { room, sees: "staff" });
    await officer.join();
    await officer.openTransports();
    await officer.produce("video");
    await first.join();
    await first.openTransports();
    await first.produce("video");
    await first.produce("audio");
    const second = await connect("person-b", { room, sees: "staff" });
    expect((await second.join()).peers.map((p) => p.id)).toEqual(["officer"]);
    await second.openTransports();
    await second.produce("video");
    await expect.poll(() => second.consumers.size, { timeout: 3000 }).toBe(1);
    await expect.poll(() => officer.consumers.size, { timeout: 3000 }).toBe(3);
    await officer.ok("mutePeer", { peerId: "person-a", source: "mic" });
    await first.waitFor("mutedByModerator");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...second.consumers.values()].map((c) => c.appData.peerId)).toEqual(["officer"]);
    expect([...first.consumers.values()].map((c) => c.appData.peerId)).toEqual(["officer"]);
    expect(second.received.filter((r) => JSON.stringify(r.payload ?? {}).includes("person-a"))).toEqual([]);
    expect(first.received.filter((r) => JSON.stringify(r.payload ?? {}).includes("person-b"))).toEqual([]);
  });

  it("closes the room for everyone when a moderator closes it, and refuses rejoining", async () => {
    const host = await connect("host", { room, role: "staff", grants: moderatorGrants });
    const person = await connect("person", { room });
    await host.join();
    await person.join();
    await host.ok("closeRoom", { reason: "点名结束" });
    expect(await person.waitFor("roomClosed")).toEqual({ reason: "点名结束" });
    const again = await connect("person2", { room });
    expect(await again.request("getRouterRtpCapabilities", {})).toMatchObject({ ok: false, error: { code: "room_closed" } });
  });

  it("keeps a disconnected peer's place for the grace period, then announces it left", async () => {
    const host = await connect("host", { room });
    const person = await connect("person", { room });
    await host.join();
    await person.join();
    person.close();
    await host.waitFor("peerUpdated", (e) => e.peer.id === "person" && !e.peer.connected);
    const back = await connect("person", { room });
    const rejoined = await back.join();
    expect(rejoined.self.id).toBe("person");
    await host.waitFor("peerUpdated", (e) => e.peer.id === "person" && e.peer.connected);
    back.close();
    await host.waitFor("peerLeft", (e) => e.peerId === "person", 5000);
  });
});

describe("media node refusals", () => {
  let fixture: NodeFixture;
  beforeAll(async () => {
    fixture = await startMediaNode();
  });
  afterAll(() => fixture?.stop());

  it("refuses a missing, forged or expired token at the handshake, with the reason", async () => {
    await expect(TestClient.connect(fixture.url, undefined)).rejects.toThrow(/No join token/);
    const token = await fixture.token({ sub: "x" });
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(TestClient.connect(fixture.url, forged)).rejects.toThrow(/not valid/);
    const expired = await fixture.token({ sub: "x", ttlSeconds: -10 });
    await expect(TestClient.connect(fixture.url, expired)).rejects.toThrow(/expired/);
  });

  it("refuses a validly signed token that lives longer than 2 h (exp − iat or exp − now), accepts one of 2 h", async () => {
    await expect(TestClient.connect(fixture.url, await fixture.token({ sub: "x", ttlSeconds: 3 * 365 * 24 * 3600 }))).rejects.toThrow(/lives longer than 2 h/);
    const { SignJWT, importPKCS8 } = await import("jose");
    const now = Math.floor(Date.now() / 1000);
    // No iat: only exp − now can tell.
    const noIat = await new SignJWT({ room: "r", sub: "x", name: "x", role: "guest", grants: { publish: false, subscribe: true, observe: false, moderate: false } })
      .setProtectedHeader({ alg: "EdDSA" })
      .setIssuer("yangguang-portal")
      .setAudience("yangguang-media")
      .setExpirationTime(now + 3 * 3600)
      .sign(await importPKCS8(fixture.privateKey, "EdDSA"));
    await expect(TestClient.connect(fixture.url, noIat)).rejects.toThrow(/lives longer/);
    const fine = await TestClient.connect(fixture.url, await fixture.token({ sub: "x", ttlSeconds: 2 * 3600 }));
    fine.close();
  });

  it("refuses a token signed by another key or for another audience", async () => {
    const other = await startMediaNode({ MEDIA_RTC_MIN_PORT: "43000", MEDIA_RTC_MAX_PORT: "43999" });
    try {
      await expect(TestClient.connect(fixture.url, await other.token({ sub: "x" }))).rejects.toThrow(/not valid/);
    } finally {
      await other.stop();
    }
    const { SignJWT, importPKCS8 } = await import("jose");
    const wrongAudience = await new SignJWT({ room: "r", sub: "x", name: "x", role: "guest", grants: { publish: false, subscribe: true, observe: false, moderate: false } })
      .setProtectedHeader({ alg: "EdDSA" })
      .setIssuer("yangguang-portal")
      .setAudience("someone-else")
      .setExpirationTime("1h")
      .sign(await importPKCS8(fixture.privateKey, "EdDSA"));
    await expect(TestClient.connect(fixture.url, wrongAudience)).rejects.toThrow(/wrong audience/);
  });

  it("answers a payload of the wrong shape, an over-long string and an unknown message with typed errors", async () => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub: "x", room: "refusals" }));
    try {
      expect(await client.request("createTransport", { direction: "sideways" } as never)).toMatchObject({ ok: false, error: { code: "invalid_message" } });
      expect(await client.request("join", { rtpCapabilities: {}, extra: 1 } as never)).toMatchObject({ ok: false, error: { code: "invalid_message" } });
      expect(await client.request("closeProducer", { producerId: "x".repeat(65) })).toMatchObject({ ok: false, error: { code: "invalid_message" } });
      expect(await client.socket.timeout(5000).emitWithAck("becomeAdmin" as never, {} as never)).toMatchObject({ ok: false, error: { code: "unknown_message" } });
      expect(await client.request("produce", { transportId: "t", kind: "audio", rtpParameters: { codecs: [] }, source: "mic" })).toMatchObject({
        ok: false,
        error: { code: "invalid_message" },
      });
      // Nothing changed: the peer never joined, so media requests are refused as out of order.
      expect(await client.request("restartIce", { transportId: "t" })).toMatchObject({ ok: false, error: { code: "invalid_state" } });
    } finally {
      client.close();
    }
  });

  it("refuses moderation from a token without the moderate grant", async () => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub: "y", room: "refusals-2" }));
    try {
      await client.join();
      for (const [name, payload] of [
        ["mutePeer", { peerId: "z", source: "all" }],
        ["removePeer", { peerId: "z" }],
        ["lockRoom", { locked: true }],
        ["admitPeer", { peerId: "z" }],
        ["closeRoom", {}],
      ] as const) {
        expect(await client.request(name, payload as never), name).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
    } finally {
      client.close();
    }
  });
});
