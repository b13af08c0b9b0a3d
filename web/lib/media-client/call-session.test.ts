import { FakeMediaStreamTrack } from "fake-mediastreamtrack";
import { FakeHandler, testFakeParameters } from "mediasoup-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import type { CallState } from "./call-state.ts";
import { CallSession } from "./call-session.ts";
import { untilState } from "./testing/until-state.ts";

const until = (session: CallSession, test: (state: CallState) => boolean, timeoutMs = 10_000) => untilState(session, test, timeoutMs);

const fakeTrack = (kind: "audio" | "video") => new FakeMediaStreamTrack({ kind }) as unknown as MediaStreamTrack;

describe("the browser call session (mediasoup-client FakeHandler against a real media node)", () => {
  let fixture: NodeFixture;
  const sessions: CallSession[] = [];
  const open = async (sub: string, extra: Record<string, unknown> = {}) => {
    const session = new CallSession({
      mediaUrl: fixture.url,
      token: await fixture.token({ sub, room: "call-session", ...extra }),
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "47000", MEDIA_RTC_MAX_PORT: "47999" });
  });
  afterAll(async () => {
    for (const s of sessions) s.close();
    await fixture?.stop();
  });

  it("joins, publishes mic and camera, and receives the other peer's tracks", async () => {
    const host = await open("host", { role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } });
    const guest = await open("guest");
    await host.publish("mic", fakeTrack("audio"));
    await host.publish("camera", fakeTrack("video"));
    await guest.publish("camera", fakeTrack("video"));
    const hostState = await until(host, (s) => s.tracks.some((t) => t.peerId === "guest" && t.kind === "video"));
    expect(hostState.phase).toBe("joined");
    const guestState = await until(guest, (s) => s.tracks.filter((t) => t.peerId === "host").length === 2);
    expect(guestState.tracks.map((t) => t.source).sort()).toEqual(["camera", "mic"]);
    expect(guestState.local.camera?.producerId).toBeTruthy();
  });

  it("shows a moderator's mute to the muted peer and to the others", async () => {
    const [host, guest] = sessions;
    await guest!.publish("mic", fakeTrack("audio"));
    await until(guest!, (s) => Boolean(s.local.mic));
    await host!.mute("guest", "mic");
    await until(guest!, (s) => s.local.mic?.mutedByModerator === true);
    await until(host!, (s) => s.peers.some((p) => p.id === "guest" && p.producers.some((x) => x.source === "mic" && x.mutedByModerator)));
    await guest!.setPaused("mic", false);
    expect(guest!.getState().notice).toMatch(/moderator muted/);
  });

  it("rejoins by itself after the worker is killed, gets the media back, and keeps who was muted", async () => {
    const [host, guest] = sessions;
    await host!.setPaused("mic", true);
    const [worker] = fixture.node.pool.list();
    process.kill(worker!.pid, "SIGKILL");
    await until(guest!, (s) => s.phase === "reconnecting");
    await until(guest!, (s) => s.phase === "joined" && s.tracks.some((t) => t.peerId === "host" && t.kind === "video"), 15_000);
    await until(host!, (s) => s.phase === "joined" && s.tracks.some((t) => t.peerId === "guest" && t.kind === "video"), 15_000);
    // Our own mute and the moderator's both hold on the new producers.
    await until(host!, (s) => s.local.mic?.paused === true);
    await until(guest!, (s) => s.local.mic?.mutedByModerator === true);
    await until(host!, (s) => s.peers.some((p) => p.id === "guest" && p.producers.some((x) => x.source === "mic" && x.mutedByModerator)));
  });

  it("prepared on the join screen: connected and ready, but in nobody's room until the click", async () => {
    const watcher = await open("watcher", { room: "prepared-join", role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } });
    let click!: () => void;
    const gate = new Promise<void>((resolve) => (click = resolve));
    const prepared = new CallSession({
      mediaUrl: fixture.url,
      token: await fixture.token({ sub: "prepared", room: "prepared-join" }),
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
      gate,
    });
    sessions.push(prepared);
    await prepared.publish("camera", fakeTrack("video"));
    await until(watcher, (s) => s.phase === "joined");
    // Long enough for the socket, the token and the capabilities; the join must still wait.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(prepared.getState().phase).toBe("connecting");
    expect(watcher.getState().peers.map((p) => p.id)).not.toContain("prepared");
    click();
    await until(watcher, (s) => s.tracks.some((t) => t.peerId === "prepared" && t.kind === "video"));
    expect(prepared.getState().phase).toBe("joined");
  });

  it("ends with the reason when removed", async () => {
    const [host, guest] = sessions;
    await host!.remove("guest", "请遵守会见规定");
    const state = await until(guest!, (s) => s.phase === "ended");
    expect(state.ended).toEqual({ kind: "removed", message: "请遵守会见规定" });
  });
});

describe("roll call spotlight and liveness challenge in the call state", () => {
  const secret = "portal-internal-secret-0123456789abcdef";
  let fixture: NodeFixture;
  const sessions: CallSession[] = [];
  const open = async (sub: string, name: string, extra: Record<string, unknown> = {}) => {
    const session = new CallSession({
      mediaUrl: fixture.url,
      token: await fixture.token({ sub, name, room: "rollcall", ...extra }),
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    sessions.push(session);
    await until(session, (s) => s.phase === "joined");
    return session;
  };
  // What the portal does when the officer calls a person (lib/rooms/media-node-client.ts).
  const call = async (body: unknown) => {
    const response = await fetch(`${fixture.url}/internal/rooms/rollcall/spotlight`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "46000", MEDIA_RTC_MAX_PORT: "46499", PORTAL_URL: "http://127.0.0.1:9", PORTAL_INTERNAL_SECRET: secret });
  });
  afterAll(async () => {
    for (const s of sessions) s.close();
    await fixture?.stop();
  });

  it("gives the called person the challenge, and everyone else only the name", async () => {
    const officer = await open("user:officer", "王警官", { role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } });
    const a = await open("person:a", "张三");
    const b = await open("person:b", "李四");
    await call({ peerId: "person:a", name: "张三", challenge: { kind: "digits", value: "4815" } });
    const aState = await until(a, (s) => s.challenge !== undefined);
    expect(aState.challenge).toEqual({ kind: "digits", value: "4815" });
    expect(aState.spotlight).toEqual({ peerId: "person:a", name: "张三" });
    const bState = await until(b, (s) => s.spotlight !== undefined);
    expect(bState.spotlight).toEqual({ peerId: "person:a", name: "张三" });
    await until(officer, (s) => s.spotlight?.peerId === "person:a");
    // Give a stray challenge time to arrive before asserting it never does.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.getState().challenge).toBeUndefined();
    expect(officer.getState().challenge).toBeUndefined();
  });

  it("clears the previous challenge when the next person is called, and shows the new one to them alone", async () => {
    const [, a, b] = sessions;
    await call({ peerId: "person:b", name: "李四", challenge: { kind: "head", value: "nod" } });
    const bState = await until(b!, (s) => s.challenge !== undefined);
    expect(bState.challenge).toEqual({ kind: "head", value: "nod" });
    const aState = await until(a!, (s) => s.spotlight?.peerId === "person:b");
    expect(aState.challenge).toBeUndefined();
  });
});

describe("a call longer than its join token (real media node)", () => {
  let fixture: NodeFixture;
  const sessions: CallSession[] = [];
  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "37000", MEDIA_RTC_MAX_PORT: "37999" });
  });
  afterAll(async () => {
    for (const s of sessions) s.close();
    await fixture?.stop();
  });
  /** A network blip: the node's side of the connection drops, the client reconnects by itself. */
  const blip = (sub: string) => {
    for (const socket of fixture.node.io.sockets.sockets.values()) if (socket.data.claims.sub === sub) socket.conn.close();
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * Joins with a token that expires in 2 s, waits past it, and cuts the connection: the
   * reconnection is refused and `refreshTtlSeconds` says how long the portal's fresh token lives.
   */
  async function outliveToken(sub: string, refreshTtlSeconds: number) {
    const refresh = { asked: 0 };
    const session = new CallSession({
      mediaUrl: fixture.url,
      token: await fixture.token({ sub, room: "long-call", ttlSeconds: 2 }),
      refreshToken: async () => {
        refresh.asked++;
        return fixture.token({ sub, room: "long-call", ttlSeconds: refreshTtlSeconds });
      },
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    sessions.push(session);
    await until(session, (s) => s.phase === "joined");
    await sleep(3100);
    blip(sub);
    return { session, refresh };
  }

  it("reconnects after a blip with a fresh token from the portal once the first one expired", async () => {
    const { session, refresh } = await outliveToken("long", 3600);
    await until(session, (s) => s.phase === "reconnecting");
    const back = await until(session, (s) => s.phase === "joined" || s.phase === "ended", 15_000);
    expect(back.phase).toBe("joined");
    expect(refresh.asked).toBe(1);
  });

  it("ends with the refusal when the fresh token is refused too (no loop)", async () => {
    const { session, refresh } = await outliveToken("stale", -10);
    const ended = await until(session, (s) => s.phase === "ended", 15_000);
    expect(ended.ended).toMatchObject({ kind: "refused", code: "unauthenticated" });
    expect(refresh.asked).toBe(1);
  });
});
