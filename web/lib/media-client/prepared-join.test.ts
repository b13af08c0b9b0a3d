import { FakeMediaStreamTrack } from "fake-mediastreamtrack";
import { FakeHandler, testFakeParameters } from "mediasoup-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { watchWorkers, type WorkerCensus } from "../../../server/test/support/worker-census.ts";
import { CallSession } from "./call-session.ts";
import { untilState } from "./testing/until-state.ts";

// Issue 14: the session makes its transports before the click (a prepared join screen) and the
// join adopts them; a screen left open past the node's deadline asks for fresh ones.

const TTL_SECONDS = 3;
const staff = { role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } };
const fakeTrack = (kind: "audio" | "video") => new FakeMediaStreamTrack({ kind }) as unknown as MediaStreamTrack;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
});
