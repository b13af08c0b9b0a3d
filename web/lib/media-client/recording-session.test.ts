import { FakeHandler, testFakeParameters } from "mediasoup-client";
import { afterEach, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { recordingAction, recordingProblem } from "../../components/recording/recording-control-model.ts";
import { CallSession } from "./call-session.ts";
import { SignalingError } from "./signaling-client.ts";
import { untilState } from "./testing/until-state.ts";

const MODERATOR = { role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } };

/** The call pages' view of the recorder, against a real media node: what the node says is what they show. */
describe("recording state in the call session", () => {
  let fixture: NodeFixture | undefined;
  const sessions: CallSession[] = [];
  const open = async (sub: string, extra: Record<string, unknown> = {}) => {
    const session = new CallSession({
      mediaUrl: fixture!.url,
      token: await fixture!.token({ sub, room: "recording-session", ...extra }),
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    sessions.push(session);
    await untilState(session, (s) => s.phase === "joined", 15_000);
    return session;
  };

  afterEach(async () => {
    for (const session of sessions.splice(0)) session.close();
    await fixture?.stop();
    fixture = undefined;
  });

  it("tells everyone when the moderator starts and stops; a participant cannot", async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "35000", MEDIA_RTC_MAX_PORT: "35099" });
    const host = await open("host", MODERATOR);
    const guest = await open("guest");
    // Joining, each learns the state: off, and the moderator may start it.
    const before = await untilState(guest, (s) => s.recording !== null);
    expect(before.recording).toMatchObject({ state: "off", required: false, forbidden: false });
    expect(recordingAction(await untilState(host, (s) => s.recording !== null))).toBe("start");

    await host.startRecording();
    expect(host.getState().recording?.state).toBe("recording");
    await untilState(guest, (s) => s.recording?.state === "recording");
    expect(recordingAction(host.getState())).toBe("stop");

    const refused = await guest.stopRecording().then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(SignalingError);
    expect((refused as SignalingError).code).toBe("forbidden");
    expect(guest.getState().recording?.state).toBe("recording");

    await host.stopRecording();
    await untilState(guest, (s) => s.recording?.state === "off" && s.recording.reason === "stopped");
  });

  it("below the disk floor the start is refused, nothing shows as recording, and the moderator is told why", async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "35100", MEDIA_RTC_MAX_PORT: "35199", RECORDING_MIN_FREE_MB: "10000000" });
    const host = await open("host", MODERATOR);
    const guest = await open("guest");
    const refused = await host.startRecording().then(() => null, (error: unknown) => error);
    expect((refused as SignalingError).code).toBe("storage_full");
    const seen = await untilState(guest, (s) => s.recording?.reason === "storage_full");
    expect(seen.recording?.state).toBe("off");
    expect(recordingProblem(host.getState(), (refused as SignalingError).code)).toBe("storage_full");
    // Another moderator's page, which did not press the button, is told too.
    expect(recordingProblem(seen, null)).toBe("storage_full");
  });
});
