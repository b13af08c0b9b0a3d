import { FakeMediaStreamTrack } from "fake-mediastreamtrack";
import { FakeHandler, testFakeParameters } from "mediasoup-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { delayedDownlink } from "../../../server/test/support/delayed-downlink.ts";
import { watchWorkers, type WorkerCensus } from "../../../server/test/support/worker-census.ts";
import { CallSession } from "./call-session.ts";
import { untilState } from "./testing/until-state.ts";

// Issue 14: the session makes its transports before the click (a prepared join screen) and the
// join adopts them; a screen left open past the node's deadline asks for fresh ones.

const TTL_SECONDS = 3;
const staff = { role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } };
const fakeTrack = (kind: "audio" | "video") => new FakeMediaStreamTrack({ kind }) as unknown as MediaStreamTrack;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DOWNLINK_DELAY_MS = 400;

describe("transports prepared on the join screen (FakeHandler against a real media node)", () => {
  let fixture: NodeFixture;
  let census: () => Promise<WorkerCensus>;
  const sessions: CallSession[] = [];
  const open = async (sub: string, room: string, extra: Record<string, unknown> = {}, gate?: Promise<unknown>) => {
    const session = new CallSession({
      mediaUrl: fixture.url,
      token: await fixture.token({ sub, room, ...extra }),
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
      ...(gate ? { gate } : {}),
    });
    sessions.push(session);
    return session;
  };
  const clicker = () => {
    let click!: () => void;
    const gate = new Promise<void>((resolve) => (click = resolve));
    return { gate, click };
  };

  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "46000", MEDIA_RTC_MAX_PORT: "46999", MEDIA_PREPARED_TRANSPORT_SECONDS: String(TTL_SECONDS) });
    ({ census } = watchWorkers(fixture.node.pool));
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
  });
  afterAll(() => fixture?.stop());

  it("has both transports on the node before the click, unseen by the room, and joins on them", async () => {
    const host = await open("host", "prepared-a", staff);
    await host.publish("camera", fakeTrack("video"));
    await untilState(host, (s) => Boolean(s.local.camera), 10_000);
    const base = (await census()).transports;
    expect(base).toBe(2);

    const { gate, click } = clicker();
    const person = await open("person", "prepared-a", {}, gate);
    await person.publish("camera", fakeTrack("video"));
    await expect.poll(async () => (await census()).transports, { timeout: 10_000 }).toBe(base + 2);
    // …and all connected by their pages (issue 14, fifth part): the person's two before the click,
    // the host's two (warmed as they were made, the receiving one with nothing to consume yet).
    await expect.poll(async () => (await census()).connected, { timeout: 10_000 }).toBe(base + 2);
    await sleep(300);
    expect(host.getState().peers).toEqual([]);
    expect(person.getState().phase).not.toBe("joined");

    click();
    await untilState(person, (s) => s.phase === "joined" && s.tracks.some((t) => t.peerId === "host" && t.kind === "video"), 10_000);
    await untilState(host, (s) => s.tracks.some((t) => t.peerId === "person" && t.kind === "video"), 10_000);
    // Adopted, not made again: still two transports per peer.
    expect((await census()).transports).toBe(base + 2);
  });

  it("asks for fresh ones when the screen stays open past the node's deadline, and still joins on two", async () => {
    const host = await open("host", "prepared-b", staff);
    await untilState(host, (s) => s.phase === "joined", 10_000);
    await expect.poll(async () => (await census()).transports, { timeout: 10_000 }).toBe(2);
    const { gate, click } = clicker();
    const person = await open("person", "prepared-b", {}, gate);
    await expect.poll(async () => (await census()).transports, { timeout: 10_000 }).toBe(4);
    // Past the deadline: the renewed pair replaced the first (the node never holds more than two for it).
    await sleep((TTL_SECONDS + 2) * 1000);
    expect((await census()).transports).toBe(4);
    click();
    await untilState(person, (s) => s.phase === "joined", 10_000);
    await sleep(300);
    expect((await census()).transports).toBe(4);
  }, 30_000);

  it("waits with a prepare-only token (a person before the roll call opens), joins with the join token, and reconnects with it", async () => {
    const rc = { kind: "rollcall", role: "participant", sees: "staff" } as const;
    const host = await open("user:officer", "prepared-c", { ...staff, kind: "rollcall" });
    await host.publish("camera", fakeTrack("video"));
    let grant!: (token: string) => void;
    const joinToken = new Promise<string>((resolve) => (grant = resolve));
    const person = new CallSession({
      mediaUrl: fixture.url,
      token: await fixture.token({ sub: "person:p", room: "prepared-c", ...rc, prepareOnly: true }),
      joinToken,
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    sessions.push(person);
    await person.publish("camera", fakeTrack("video"));
    await untilState(host, (s) => s.phase === "joined", 10_000);
    // Both the person's made and connected on the node (FakeHandler's own state says nothing of that), and still not joined.
    await expect.poll(async () => (await census()).connected, { timeout: 10_000 }).toBe(4);
    await sleep(300);
    expect(person.getState().phase).not.toBe("joined");
    expect(host.getState().peers).toEqual([]);
    const before = await census();

    grant(await fixture.token({ sub: "person:p", room: "prepared-c", ...rc }));
    await untilState(person, (s) => s.phase === "joined" && s.tracks.some((t) => t.peerId === "user:officer" && t.kind === "video"), 10_000);
    await untilState(host, (s) => s.tracks.some((t) => t.peerId === "person:p" && t.kind === "video"), 10_000);
    expect((await census()).transports).toBe(before.transports);

    // The connection drops: the socket authenticates again with the join token, not the prepare-only one.
    for (const socket of fixture.node.io.sockets.sockets.values()) if (socket.data.claims.sub === "person:p") socket.conn.close();
    await untilState(person, (s) => s.phase === "reconnecting", 10_000);
    await untilState(person, (s) => s.phase === "joined" && s.tracks.some((t) => t.peerId === "user:officer"), 15_000);
    const claims = [...fixture.node.io.sockets.sockets.values()].filter((socket) => socket.data.claims.sub === "person:p").map((socket) => socket.data.claims);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.prepareOnly).toBeUndefined();
  }, 40_000);

  it("sends the camera's produce right behind the join, before the join's answer could reach the page, with the encodings of the token's room", async () => {
    const rc = { kind: "rollcall", role: "participant", sees: "staff" } as const;
    const host = await open("user:officer", "prepared-d", { ...staff, kind: "rollcall" });
    await host.publish("camera", fakeTrack("video"));
    await untilState(host, (s) => Boolean(s.local.camera), 10_000);
    // Everything the node says reaches the person 400 ms late: a produce sent only after the
    // join's answer reaches the node at least that long after the answer left.
    const downlink = await delayedDownlink(fixture.url, DOWNLINK_DELAY_MS);
    let grant!: (token: string) => void;
    const person = new CallSession({
      mediaUrl: downlink.url,
      token: await fixture.token({ sub: "person:d", room: "prepared-d", ...rc, prepareOnly: true }),
      joinToken: new Promise<string>((resolve) => (grant = resolve)),
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    sessions.push(person);
    try {
      await person.publish("camera", fakeTrack("video"));
      await expect.poll(async () => (await census()).connected, { timeout: 10_000 }).toBe(4);
      const before = await census();
      const onNode = [...fixture.node.io.sockets.sockets.values()].find((socket) => socket.data.claims.sub === "person:d")!;
      const arrived: Array<{ event: string; at: number; payload: unknown }> = [];
      const answeredAt: number[] = [];
      onNode.onAny((event: string, payload: unknown) => arrived.push({ event, at: performance.now(), payload }));
      // socket.io's acknowledgements leave as engine.io messages starting with "3" and the id.
      onNode.conn.on("packetCreate", (packet: { type: string; data?: unknown }) => {
        if (packet.type === "message" && typeof packet.data === "string" && /^3\d/.test(packet.data)) answeredAt.push(performance.now());
      });

      grant(await fixture.token({ sub: "person:d", room: "prepared-d", ...rc }));
      await untilState(host, (s) => s.tracks.some((t) => t.peerId === "person:d" && t.kind === "video"), 15_000);
      const join = arrived.find((a) => a.event === "join")!;
      const produce = arrived.find((a) => a.event === "produce")!;
      const joinAnswered = answeredAt.find((at) => at >= join.at)!;
      expect(join && produce && joinAnswered).toBeTruthy();
      expect(produce.at).toBeGreaterThanOrEqual(join.at);
      expect(produce.at, "the produce did not wait for the join's answer").toBeLessThan(joinAnswered + DOWNLINK_DELAY_MS);
      // The camera first, as a group call's camera (a roll call): two simulcast layers for VGA.
      expect(produce.payload).toMatchObject({ kind: "video", source: "camera" });
      expect((produce.payload as { rtpParameters: { encodings: unknown[] } }).rtpParameters.encodings).toHaveLength(2);
      // On the prepared send transport, which the join adopted.
      expect((await census()).transports).toBe(before.transports);
      await untilState(person, (s) => s.phase === "joined" && Boolean(s.local.camera), 10_000);
    } finally {
      person.close();
      await downlink.close();
    }
  }, 40_000);

  it("produces the camera again after the join when the node did not take the early one (a lobby), and the admitted peer is seen", async () => {
    const host = await open("host", "prepared-e", staff);
    await untilState(host, (s) => s.phase === "joined", 10_000);
    const { gate, click } = clicker();
    const guest = await open("guest", "prepared-e", { lobby: true }, gate);
    await guest.publish("camera", fakeTrack("video"));
    await expect.poll(async () => (await census()).connected, { timeout: 10_000 }).toBe(4);
    const arrived: string[] = [];
    [...fixture.node.io.sockets.sockets.values()].find((socket) => socket.data.claims.sub === "guest")!.onAny((event: string) => arrived.push(event));
    click();
    await untilState(guest, (s) => s.phase === "lobby", 10_000);
    await untilState(host, (s) => s.lobby.some((p) => p.peerId === "guest"), 10_000);
    const guestProducers = () => fixture.node.rooms.get("prepared-e")?.findPeer("guest")?.producers.size ?? 0;
    await sleep(300);
    expect(guestProducers()).toBe(0);
    // The early produce went out behind the join, and the node, holding the guest in the lobby, refused it.
    expect(arrived).toEqual(expect.arrayContaining(["join", "produce"]));
    await host.admit("guest");
    await untilState(host, (s) => s.tracks.some((t) => t.peerId === "guest" && t.kind === "video"), 15_000);
    await untilState(guest, (s) => s.phase === "joined" && Boolean(s.local.camera), 10_000);
    expect(guestProducers()).toBe(1);
  }, 30_000);
});
