import { FakeMediaStreamTrack } from "fake-mediastreamtrack";
import { FakeHandler, testFakeParameters } from "mediasoup-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import type { CallState } from "./call-state.ts";
import { CallSession } from "./call-session.ts";
import { untilState } from "./testing/until-state.ts";
import { countdownTone, remainingMs } from "./room-clock.ts";

const until = (session: CallSession, test: (state: CallState) => boolean, timeoutMs = 15_000) => untilState(session, test, timeoutMs);

const family = { role: "participant", as: "person", kind: "visit", grants: { publish: true, subscribe: true, observe: false, moderate: false } };
const monitor = { role: "staff", as: "observer", kind: "visit", grants: { publish: false, subscribe: true, observe: true, moderate: true } };

/** What a visit page reads from the call library: the node's clock, warnings, notices, mutes and the end. */
describe("a visit in the browser call session (FakeHandler against a real media node)", () => {
  let fixture: NodeFixture;
  const sessions: CallSession[] = [];
  const open = async (sub: string, extra: Record<string, unknown>) => {
    const session = new CallSession({
      mediaUrl: fixture.url,
      token: await fixture.token({ sub, room: "visit-session", ...extra }),
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    sessions.push(session);
    await until(session, (s) => s.phase === "joined");
    return session;
  };

  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "45500", MEDIA_RTC_MAX_PORT: "45999", MEDIA_ROOM_WARNING_SECONDS: "5,2" });
  });
  afterAll(async () => {
    for (const s of sessions) s.close();
    await fixture?.stop();
  });

  it("counts down on the node's time, shows warnings and notices, lifts a mute, and ends on time", async () => {
    const endsAt = Math.floor(Date.now() / 1000) + 10;
    const terms = { endsAt, mustRecord: true };
    const visitor = await open("visitor", { ...family, ...terms });
    const officer = await open("officer", { ...monitor, ...terms });
    const joined = visitor.getState();
    expect(joined).toMatchObject({ privileged: false, mustRecord: true, clock: { warningSeconds: [5, 2] } });
    expect(Math.abs(remainingMs(joined.clock)! - (endsAt * 1000 - Date.now()))).toBeLessThan(1000);
    expect(countdownTone(joined.clock, remainingMs(joined.clock))).toBe("normal");

    await visitor.publish("mic", new FakeMediaStreamTrack({ kind: "audio" }) as unknown as MediaStreamTrack);
    await until(visitor, (s) => Boolean(s.local.mic));
    await officer.mute("visitor", "mic");
    await until(visitor, (s) => s.local.mic?.mutedByModerator === true && s.local.mic.paused);
    await visitor.setPaused("mic", false);
    expect(visitor.getState().local.mic).toMatchObject({ paused: true, mutedByModerator: true });
    await officer.unmute("visitor", "mic");
    await until(visitor, (s) => s.local.mic?.mutedByModerator === false && s.local.mic.paused === false);

    await officer.sendNotice({ preset: "conduct" });
    await officer.sendNotice({ text: "请保持安静" });
    const noticed = await until(visitor, (s) => s.notices.length === 2);
    expect(noticed.notices.map((n) => [n.preset, n.text])).toEqual([["conduct", "请注意言行，遵守会见规定"], [null, "请保持安静"]]);

    const warned = await until(visitor, (s) => s.timeWarning?.thresholdSeconds === 5);
    expect(countdownTone(warned.clock, remainingMs(warned.clock))).toBe("amber");
    const last = await until(visitor, (s) => s.timeWarning?.thresholdSeconds === 2);
    expect(countdownTone(last.clock, remainingMs(last.clock))).toBe("red");
    await visitor.syncRoomTime();
    expect(remainingMs(visitor.getState().clock)).toBeLessThanOrEqual(2000);

    for (const session of [visitor, officer]) {
      const ended = await until(session, (s) => s.phase === "ended");
      expect(ended.ended).toEqual({ kind: "closed", message: "on_time" });
    }
  }, 40_000);
});
