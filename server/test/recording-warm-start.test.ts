import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordingFileReport } from "../src/recording/recording-report.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { countFrames, encodeClip, plainProducer, sendClip, type Clip } from "./support/rtp-source.ts";
import { TestClient } from "./support/test-client.ts";

// Issue 10, a cheaper recorder start: a room that must be recorded has its writers listening
// before anyone publishes (before the lobby admits anyone), and a track's file is written by one
// of them. Real worker, real gst-launch processes, ffprobe on the file.

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("writers ready before participants are admitted (must-record rooms)", () => {
  let fixture: NodeFixture;
  let clips: string;
  let clip: Clip;

  beforeAll(async () => {
    clips = mkdtempSync(path.join(os.tmpdir(), "yg-warm-"));
    clip = encodeClip(clips, "video", 4);
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "43300", MEDIA_RTC_MAX_PORT: "43399" });
  });
  afterAll(async () => {
    await fixture?.stop();
    rmSync(clips, { recursive: true, force: true });
  });

  it("prepares a camera's and a microphone's writers for each side at the first join; a track takes one, another replaces it; none outlive the room", async () => {
    const room = "warm-visit";
    const roomDir = path.join(fixture.node.config.recording.dir, room);
    const staff = await TestClient.connect(fixture.url, await fixture.token({ sub: "staff", room, role: "staff", kind: "visit", as: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } }));
    try {
      await staff.join();
      const live = fixture.node.rooms.get(room)!;
      const recording = fixture.node.recordings.of(live);
      // Two VP8 and two Opus writers listen before any track exists.
      await expect.poll(() => recording.warmWriters.length, { timeout: 20_000 }).toBe(4);
      const prepared = recording.warmWriters;
      expect(recording.state).toMatchObject({ state: "recording", required: true });

      const cam = await plainProducer(live, live.findPeer("staff")!, "video", "camera", 9101);
      const track = () => [...recording.trackRecorders()][0];
      await expect.poll(() => track()?.isWriting ?? false, { timeout: 10_000 }).toBe(true);
      // The track's file is written by a writer that was listening before the track existed.
      expect(prepared).toContain(track()!.writerPid);
      // The one taken is replaced.
      await expect.poll(() => recording.warmWriters.length, { timeout: 20_000 }).toBe(4);

      await sendClip(clip, cam, 9101).done;
      await new Promise((resolve) => setTimeout(resolve, 300));
      cam.producer.close();
      const report = await expect
        .poll(() => (existsSync(roomDir) ? readdirSync(roomDir).filter((n) => n.endsWith(".json")) : []), { timeout: 10_000 })
        .toHaveLength(1)
        .then(() => JSON.parse(readFileSync(path.join(roomDir, readdirSync(roomDir).find((n) => n.endsWith(".json"))!), "utf8")) as RecordingFileReport);
      expect(report).toMatchObject({ endReason: "producer_closed", kind: "video", sequence: 1 });
      expect(report.file).not.toContain(".warm-");
      const frames = countFrames(path.join(fixture.node.config.recording.dir, report.file));
      expect(Math.abs(frames - clip.frames) / clip.frames).toBeLessThanOrEqual(0.02);

      const waiting = recording.warmWriters;
      fixture.node.rooms.closeRoom(room, "ended");
      await expect.poll(() => waiting.filter(alive), { timeout: 10_000 }).toEqual([]);
      await expect.poll(() => readdirSync(roomDir).filter((n) => n.startsWith(".warm-")), { timeout: 5000 }).toEqual([]);
    } finally {
      staff.close();
    }
  }, 90_000);

  it("prepares nothing for a room recorded only when a moderator asks", async () => {
    const host = await TestClient.connect(fixture.url, await fixture.token({ sub: "host", room: "warm-meeting", role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } }));
    try {
      await host.join();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(fixture.node.recordings.of(fixture.node.rooms.get("warm-meeting")!).warmWriters).toEqual([]);
    } finally {
      host.close();
    }
  });
});
