import { importPKCS8, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from "../src/protocol/join-token.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { freePort, PortalInbox } from "./support/portal-inbox.ts";
import { TestClient } from "./support/test-client.ts";

// Issue 9 §5 on the media node: a visit's room ends by itself at the time its tokens carry,
// warns before, takes the monitor's notices, mutes and termination, and keeps a privileged
// visit's audio from staff. Real worker, real socket.io, real clocks with short durations.

const family = { role: "participant" as const, as: "person" as const, grants: { publish: true, subscribe: true, observe: false, moderate: false } };
const monitor = { role: "staff" as const, as: "observer" as const, grants: { publish: false, subscribe: true, observe: true, moderate: true } };

const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

describe("visit rooms on the media node (real worker, real socket.io, real clocks)", () => {
  let fixture: NodeFixture;
  let inbox: PortalInbox;
  const clients: TestClient[] = [];
  let counter = 0;
  let room = "";

  const connect = async (sub: string, extra: Record<string, unknown> = {}) => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub, room, kind: "visit", ...extra }));
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // The portal is down from the start: nothing listens on its port until a test starts it.
    inbox = new PortalInbox(await freePort());
    fixture = await startMediaNode({
      MEDIA_RTC_MIN_PORT: "43000",
      MEDIA_RTC_MAX_PORT: "43499",
      MEDIA_ROOM_WARNING_SECONDS: "5,2",
      PORTAL_URL: `http://127.0.0.1:${inbox.port}`,
      PORTAL_INTERNAL_SECRET: PortalInbox.SECRET,
    });
  });
  beforeEach(() => {
    room = `visit-${++counter}`;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await fixture?.stop();
    await inbox?.stop();
  });

  it("warns at the thresholds and closes the room on time by itself, portal down; the portal hears of it once back", async () => {
    room = "visit-on-time";
    const endsAt = inSeconds(9);
    const endsAtMs = endsAt * 1000;
    const person = await connect("held-person", { ...family, endsAt, mustRecord: true });
    const visitor = await connect("visitor", { ...family, endsAt, mustRecord: true });
    const officer = await connect("officer", { ...monitor, endsAt, mustRecord: true });
    const joined = await person.join();
    expect(joined.room).toMatchObject({ kind: "visit", time: { endsAt: endsAtMs, warningSeconds: [5, 2] }, privileged: false, mustRecord: true });
    expect(Math.abs(joined.room.time.remainingMs! - (endsAtMs - Date.now()))).toBeLessThan(1000);
    await visitor.join();
    await officer.join();

    const at = new Map<string, number>();
    for (const [name, client] of [["person", person], ["visitor", visitor], ["officer", officer]] as const) {
      client.socket.on("roomTimeWarning", ({ thresholdSeconds }: { thresholdSeconds: number }) => at.set(`${name}:warn${thresholdSeconds}`, Date.now()));
      client.socket.on("roomClosed", () => at.set(`${name}:closed`, Date.now()));
    }
    const warn5 = await person.waitFor("roomTimeWarning", (w) => w.thresholdSeconds === 5, 15_000);
    expect(warn5.remainingMs).toBeLessThanOrEqual(5000);
    expect(warn5.remainingMs).toBeGreaterThan(3000);
    await person.waitFor("roomTimeWarning", (w) => w.thresholdSeconds === 2, 10_000);
    const closed = await person.waitFor("roomClosed", () => true, 10_000);
    expect(closed).toEqual({ reason: "on_time" });
    for (const name of ["person", "visitor", "officer"]) {
      await expect.poll(() => at.get(`${name}:closed`), { timeout: 3000 }).toBeDefined();
      // Never early; within 2 s of the end (generous for a loaded machine: the timer itself is exact).
      expect(at.get(`${name}:closed`)! - endsAtMs, name).toBeGreaterThanOrEqual(-50);
      expect(at.get(`${name}:closed`)! - endsAtMs, name).toBeLessThan(2000);
      expect(at.get(`${name}:warn5`)! - (endsAtMs - 5000), name).toBeGreaterThanOrEqual(-50);
      expect(at.get(`${name}:warn5`)! - (endsAtMs - 5000), name).toBeLessThan(1500);
      expect(at.get(`${name}:warn2`)! - (endsAtMs - 2000), name).toBeGreaterThanOrEqual(-50);
      expect(at.get(`${name}:warn2`)! - (endsAtMs - 2000), name).toBeLessThan(1500);
    }
    await expect.poll(() => person.socket.connected, { timeout: 3000 }).toBe(false);
    expect(fixture.node.rooms.get(room)).toBeUndefined();

    // Not reopenable: a token of the room (one whose own expiry is later, as a careless portal
    // could sign) is refused, and so is one naming a new end.
    const late = await connect("visitor", { ...family, endsAt, mustRecord: true });
    expect(await late.request("getRouterRtpCapabilities", {})).toMatchObject({ ok: false, error: { code: "room_closed" } });
    const moved = await connect("visitor", { ...family, endsAt: inSeconds(600), mustRecord: true });
    expect(await moved.request("getRouterRtpCapabilities", {})).toMatchObject({ ok: false, error: { code: "room_closed" } });

    // The portal comes back: the queued report arrives, with the reason.
    await inbox.start();
    await expect
      .poll(() => inbox.events.find((e) => e.type === "room.closed" && e.room === room), { timeout: 40_000, interval: 250 })
      .toMatchObject({ type: "room.closed", room, reason: "on_time", node: "test-node" });
  }, 70_000);

  it("refuses a token whose room's end has passed, even on a node that never saw the room", async () => {
    const endsAt = inSeconds(-1);
    // Its own expiry is later (signed by hand: the portal's signer never does this).
    const key = await importPKCS8(fixture.privateKey, "EdDSA");
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ room, sub: "visitor", name: "visitor", role: "participant", grants: family.grants, kind: "visit", as: "person", sees: "everyone", lobby: false, endsAt })
      .setProtectedHeader({ alg: "EdDSA" })
      .setIssuer(JOIN_TOKEN_ISSUER)
      .setAudience(JOIN_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
    const client = await TestClient.connect(fixture.url, token);
    clients.push(client);
    expect(await client.request("getRouterRtpCapabilities", {})).toMatchObject({ ok: false, error: { code: "room_closed" } });
    expect(fixture.node.rooms.get(room)).toBeUndefined();
  });

  it("keeps the first token's end: a token naming another end, or none, or other terms, is refused", async () => {
    const endsAt = inSeconds(600);
    const first = await connect("held-person", { ...family, endsAt, mustRecord: true });
    await first.join();
    for (const [sub, terms] of [
      ["other-end", { endsAt: endsAt + 60, mustRecord: true }],
      ["no-end", { mustRecord: true }],
      ["not-recorded", { endsAt }],
    ] as const) {
      const other = await connect(sub, { ...family, ...terms });
      expect(await other.request("getRouterRtpCapabilities", {}), sub).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    const same = await connect("visitor", { ...family, endsAt, mustRecord: true });
    expect((await same.join()).room.time.endsAt).toBe(endsAt * 1000);
    expect(await same.request("getRoomTime", {})).toMatchObject({ ok: true, data: { endsAt: endsAt * 1000, warningSeconds: [5, 2] } });
  });

  it("refuses a token that is privileged and must be recorded", async () => {
    const key = await importPKCS8(fixture.privateKey, "EdDSA");
    const token = await new SignJWT({ room, sub: "v", name: "v", role: "participant", grants: family.grants, kind: "visit", privileged: true, mustRecord: true })
      .setProtectedHeader({ alg: "EdDSA" })
      .setIssuer(JOIN_TOKEN_ISSUER)
      .setAudience(JOIN_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(key);
    await expect(TestClient.connect(fixture.url, token)).rejects.toMatchObject({ data: { code: "unauthenticated" } });
  });

  it("sends a monitor's notice to everyone, validated; only a moderator may", async () => {
    const endsAt = inSeconds(600);
    const visitor = await connect("visitor", { ...family, endsAt });
    const officer = await connect("officer", { ...monitor, endsAt });
    // A visit is recorded unless privileged, even when its token does not say so.
    expect((await visitor.join()).room.mustRecord).toBe(true);
    await officer.join();
    expect(await visitor.request("sendNotice", { text: "hello" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    for (const bad of [{ text: "" }, { text: "   " }, { text: "x".repeat(121) }, { text: "一行\n两行" }, { text: "\u202Egnp.exe" }, { preset: "bogus" }, { preset: "language", text: "x" }]) {
      expect(await officer.request("sendNotice", bad as never), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    }
    expect(visitor.received.filter((r) => r.event === "roomNotice")).toEqual([]);
    const preset = await officer.ok("sendNotice", { preset: "language" });
    expect(await visitor.waitFor("roomNotice", (n) => n.noticeId === preset.noticeId)).toMatchObject({ preset: "language", text: "请使用普通话交流" });
    const free = await officer.ok("sendNotice", { text: "  请把手机放稳  " });
    expect(await visitor.waitFor("roomNotice", (n) => n.noticeId === free.noticeId)).toMatchObject({ preset: null, text: "请把手机放稳" });
    // The monitor (invisible) sees its own notice too: its page shows what the sides were shown.
    await officer.waitFor("roomNotice", (n) => n.noticeId === free.noticeId);
    // The visit record gets both, with who sent them.
    await inbox.start();
    await expect
      .poll(() => inbox.events.filter((e) => e.type === "room.notice" && e.room === room).map((e) => [e.identity, e.preset, e.text]), { timeout: 40_000, interval: 250 })
      .toEqual([["officer", "language", "请使用普通话交流"], ["officer", null, "请把手机放稳"]]);
  }, 60_000);

  it("opens a room once when tokens with different ends race to create it: the first fixes the end, the other is refused", async () => {
    const a = await connect("a", { ...family, endsAt: inSeconds(600) });
    const b = await connect("b", { ...family, endsAt: inSeconds(900) });
    const answers = await Promise.all([a.request("getRouterRtpCapabilities", {}), b.request("getRouterRtpCapabilities", {})]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.filter((answer) => !answer.ok && answer.error.code === "forbidden")).toHaveLength(1);
    const winner = answers[0]!.ok ? a : b;
    expect((await winner.join()).room.time.endsAt).toBe(fixture.node.rooms.get(room)!.terms.endsAtMs);
  });

  it("holds a monitor's mute: the participant cannot unmute itself until a moderator lifts it", async () => {
    const endsAt = inSeconds(600);
    const visitor = await connect("visitor", { ...family, endsAt });
    const person = await connect("held-person", { ...family, endsAt });
    const officer = await connect("officer", { ...monitor, endsAt });
    await visitor.join();
    await visitor.openTransports();
    const mic = await visitor.produce("audio");
    await person.join();
    await officer.join();
    const micPaused = () => fixture.node.rooms.get(room)!.findPeer("visitor")!.info().producers.find((p) => p.source === "mic")!;

    expect(await person.request("mutePeer", { peerId: "visitor", source: "mic" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await officer.ok("mutePeer", { peerId: "visitor", source: "mic" });
    await visitor.waitFor("mutedByModerator", (m) => m.producerId === mic.id);
    await person.waitFor("peerUpdated", (u) => u.peer.id === "visitor" && u.peer.producers.some((p) => p.mutedByModerator));
    expect(await visitor.request("setProducerPaused", { producerId: mic.id, paused: false })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(micPaused()).toMatchObject({ paused: true, mutedByModerator: true });
    expect(await person.request("unmutePeer", { peerId: "visitor", source: "mic" })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // The hold survives the microphone being produced again (a page reload, a reconnect).
    mic.close();
    await visitor.ok("closeProducer", { producerId: mic.id });
    const again = await visitor.produce("audio");
    await visitor.waitFor("mutedByModerator", (m) => m.producerId === again.id);
    expect(await visitor.request("setProducerPaused", { producerId: again.id, paused: false })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    await officer.ok("unmutePeer", { peerId: "visitor", source: "mic" });
    await visitor.waitFor("unmutedByModerator", (u) => u.source === "mic");
    expect(micPaused()).toMatchObject({ paused: false, mutedByModerator: false });
    expect(await visitor.request("setProducerPaused", { producerId: again.id, paused: true })).toEqual({ ok: true, data: {} });
    expect(await visitor.request("setProducerPaused", { producerId: again.id, paused: false })).toEqual({ ok: true, data: {} });

    // A peer that mutes itself while held stays muted when the hold is lifted: its choice, not the monitor's.
    await officer.ok("mutePeer", { peerId: "visitor", source: "mic" });
    await visitor.ok("setProducerPaused", { producerId: again.id, paused: true });
    await officer.ok("unmutePeer", { peerId: "visitor", source: "mic" });
    expect(micPaused()).toMatchObject({ paused: true, mutedByModerator: false });
  });

  it("terminates only with a reason and only by a moderator; participants see a neutral reason, the portal the real one", async () => {
    await inbox.start();
    const endsAt = inSeconds(600);
    const visitor = await connect("visitor", { ...family, endsAt, mustRecord: true });
    const officer = await connect("officer", { ...monitor, endsAt, mustRecord: true });
    await visitor.join();
    await officer.join();
    expect(await visitor.request("terminateRoom", { reason: "bye" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await officer.request("terminateRoom", { reason: "" })).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    expect(await officer.request("terminateRoom", { reason: "  " })).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    expect(await officer.request("terminateRoom", {} as never)).toMatchObject({ ok: false, error: { code: "invalid_message" } });
    // A visit has no reason-less close.
    expect(await officer.request("closeRoom", { reason: "" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(fixture.node.rooms.get(room)).toBeDefined();

    await officer.ok("terminateRoom", { reason: "会见人违反规定谈论案情" });
    expect(await visitor.waitFor("roomClosed")).toEqual({ reason: "terminated" });
    expect(JSON.stringify(visitor.received)).not.toContain("案情");
    const again = await connect("visitor", { ...family, endsAt, mustRecord: true });
    expect(await again.request("getRouterRtpCapabilities", {})).toMatchObject({ ok: false, error: { code: "room_closed" } });
    await expect
      .poll(() => inbox.events.find((e) => e.type === "room.closed" && e.room === room), { timeout: 40_000, interval: 250 })
      .toMatchObject({ reason: "terminated", note: "会见人违反规定谈论案情", by: "officer" });
  }, 60_000);

  it("privileged room: staff and observers get its video but never its audio, even asking directly", async () => {
    const endsAt = inSeconds(600);
    const terms = { endsAt, privileged: true };
    const lawyer = await connect("lawyer", { ...family, ...terms });
    const person = await connect("held-person", { ...family, ...terms });
    await lawyer.join();
    await lawyer.openTransports();
    const lawyerMic = await lawyer.produce("audio");
    await lawyer.produce("video");
    const personJoin = await person.join();
    expect(personJoin.room).toMatchObject({ privileged: true, mustRecord: false });
    await person.openTransports();
    await person.produce("audio");
    await person.produce("video");
    // The held person hears the lawyer.
    await person.waitFor("newConsumer", (c) => c.peerId === "lawyer" && c.kind === "audio");

    const officer = await connect("officer", { ...monitor, ...terms });
    const guard = await connect("guard", { role: "staff", as: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true }, ...terms });
    for (const watcher of [officer, guard]) {
      const joined = await watcher.join();
      expect(joined.room.privileged).toBe(true);
      await watcher.openTransports({ send: watcher === guard });
      await watcher.waitFor("newConsumer", (c) => c.peerId === "lawyer" && c.kind === "video");
      await watcher.waitFor("newConsumer", (c) => c.peerId === "held-person" && c.kind === "video");
    }
    // A producer made after the watchers joined is not offered to them either.
    lawyerMic.close();
    await lawyer.ok("closeProducer", { producerId: lawyerMic.id });
    await lawyer.produce("audio");
    await person.waitFor("newConsumer", (c) => c.peerId === "lawyer" && c.kind === "audio" && c.producerId !== lawyerMic.id);
    await new Promise((resolve) => setTimeout(resolve, 500));

    for (const watcher of [officer, guard]) {
      const offers = watcher.received.filter((r) => r.event === "newConsumer");
      expect(offers.length).toBeGreaterThanOrEqual(2);
      expect(offers.filter((r) => r.payload.kind === "audio")).toEqual([]);
      // There is no request that makes a consumer: asking for one is an unknown message…
      expect(await watcher.socket.timeout(5000).emitWithAck("consume", { producerId: lawyerMic.id, kind: "audio" })).toMatchObject({ ok: false, error: { code: "unknown_message" } });
      // …and another peer's audio consumer is not the watcher's to resume.
      const personsAudio = [...person.consumers.values()].find((c) => c.kind === "audio")!;
      expect(await watcher.request("resumeConsumer", { consumerId: personsAudio.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    const node = fixture.node.rooms.get(room)!;
    for (const id of ["officer", "guard"]) expect([...node.findPeer(id)!.consumers.values()].filter((c) => c.kind === "audio"), id).toEqual([]);
    // The recorder (issue 10) asks the room first: a privileged room is never recorded.
    expect(() => node.assertMayRecord()).toThrow(/never recorded/);
  });
});
