import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alignFiles, type AlignableFile } from "../../web/lib/recordings/track-alignment.ts";
import type { RecordingFileReport } from "../src/recording/recording-report.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { plainProducer } from "./support/rtp-source.ts";
import { TestClient } from "./support/test-client.ts";

// Issue 10, "play back in sync": two tracks whose files start at different times are placed on
// one clock from the node's sender reports (web/lib/recordings/track-alignment.ts), and checked
// against what the files really show. One ffmpeg sends the same clip (black, then white for half
// of every second) to two producers at once, so a change of brightness happens at the same
// instant in both; one producer pauses and resumes, so its second file starts seconds after the
// other track's. Each file is decoded, every change of brightness found, and put on the wall clock
// by the alignment: the same change in both tracks must land within 100 ms (the bar).

const FPS = 20;
const SECONDS = 12;

/** (pts in s, mean luma) of every decoded frame. */
function lumaFrames(file: string): Array<{ pts: number; luma: number }> {
  const run = spawnSync(
    "ffprobe",
    ["-v", "error", "-f", "lavfi", `movie=${file},signalstats`, "-show_entries", "frame=pts_time:frame_tags=lavfi.signalstats.YAVG", "-of", "csv=p=0"],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`ffprobe failed on ${file}: ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => line.split(","))
    .map(([pts, luma]) => ({ pts: Number(pts), luma: Number(luma) }))
    .filter((f) => Number.isFinite(f.pts) && Number.isFinite(f.luma));
}

/** The media times (ms) at which the picture turns bright (up) or dark (down). */
function changes(file: string): Array<{ ms: number; up: boolean }> {
  const frames = lumaFrames(file);
  const found: Array<{ ms: number; up: boolean }> = [];
  for (let i = 1; i < frames.length; i++) {
    const before = frames[i - 1]!.luma > 128;
    const now = frames[i]!.luma > 128;
    if (before !== now) found.push({ ms: frames[i]!.pts * 1000, up: now });
  }
  return found;
}

function reports(roomDir: string): RecordingFileReport[] {
  if (!existsSync(roomDir)) return [];
  return readdirSync(roomDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(path.join(roomDir, name), "utf8")) as RecordingFileReport);
}

const alignable = (r: RecordingFileReport): AlignableFile => ({
  id: r.file,
  node: "test-node",
  firstPacketAt: r.firstPacketAt,
  clockRate: r.clockRate,
  firstRtpTimestamp: r.firstRtpTimestamp,
  sync: r.senderReports,
});

describe("tracks line up from the sender reports (real worker, real GStreamer, the files decoded)", () => {
  let fixture: NodeFixture;
  let clips: string;
  let clip: string;

  beforeAll(async () => {
    clips = mkdtempSync(path.join(os.tmpdir(), "yg-align-"));
    clip = path.join(clips, "flash.webm");
    const encode = spawnSync("ffmpeg", [
      "-loglevel", "error", "-nostdin", "-y",
      "-f", "lavfi", "-i", `color=c=black:size=320x240:rate=${FPS},drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t\\,1)\\,0.5)'`,
      "-t", String(SECONDS), "-c:v", "libvpx", "-b:v", "300k", "-deadline", "realtime", "-cpu-used", "8", "-g", String(FPS),
      clip,
    ]);
    if (encode.status !== 0) throw new Error(`ffmpeg could not encode the clip: ${encode.stderr}`);
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "43100", MEDIA_RTC_MAX_PORT: "43199" });
  });
  afterAll(async () => {
    await fixture?.stop();
    rmSync(clips, { recursive: true, force: true });
  });

  it("a file that starts seconds after the other track's plays in step with it (within 100 ms)", async () => {
    const room = "align-1";
    const host = await TestClient.connect(fixture.url, await fixture.token({ sub: "host", room, role: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } }));
    try {
      await host.join();
      const live = fixture.node.rooms.get(room)!;
      const peer = live.findPeer("host")!;
      const a = await plainProducer(live, peer, "video", "camera", 7001);
      const b = await plainProducer(live, peer, "video", "screen", 7002);
      await host.ok("startRecording", {});
      await expect.poll(() => [...fixture.node.recordings.of(live).trackRecorders()].filter((t) => t.isWriting).length, { timeout: 15_000 }).toBe(2);

      // One process, two outputs: both producers get each frame at the same moment.
      const out = (port: number, rtcpPort: number, ssrc: number) => ["-map", "0:v", "-c", "copy", "-ssrc", String(ssrc), "-payload_type", "101", "-f", "rtp", `rtp://127.0.0.1:${port}?rtcpport=${rtcpPort}&pkt_size=1200`];
      const sender = spawn("ffmpeg", ["-loglevel", "error", "-nostdin", "-re", "-i", clip, ...out(a.port, a.rtcpPort, 7001), ...out(b.port, b.rtcpPort, 7002)], { stdio: ["ignore", "ignore", "pipe"] });
      const sent = new Promise<number | null>((resolve) => sender.once("exit", resolve));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await live.setProducerPaused(peer, b.producer.id, true);
      await new Promise((resolve) => setTimeout(resolve, 2300));
      await live.setProducerPaused(peer, b.producer.id, false);
      expect(await sent).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await host.ok("stopRecording", {});

      const files = reports(path.join(fixture.node.config.recording.dir, room));
      const [first] = files.filter((f) => f.source === "camera");
      const screen = files.filter((f) => f.source === "screen").sort((x, y) => x.sequence - y.sequence);
      expect(first).toBeDefined();
      expect(screen.map((f) => f.endReason)).toEqual(["producer_paused", "stopped"]);
      const late = screen[1]!;
      // The second file really starts later: seconds after the camera's.
      expect(Date.parse(late.firstPacketAt!) - Date.parse(first!.firstPacketAt!)).toBeGreaterThan(4000);
      for (const f of [first!, ...screen]) {
        expect(f.clockRate).toBe(90000);
        expect(f.firstRtpTimestamp).not.toBeNull();
        expect(f.senderReports.length).toBeGreaterThanOrEqual(1);
      }

      const placed = alignFiles([first!, ...screen].map(alignable));
      for (const f of [first!, ...screen]) expect(placed.get(f.file)!.by).toBe("sender_reports");
      const onWall = (f: RecordingFileReport) => changes(path.join(fixture.node.config.recording.dir, f.file)).map((c) => ({ at: placed.get(f.file)!.startAt! + c.ms, up: c.up }));
      const reference = onWall(first!);
      // Twice a second over the whole clip.
      expect(reference.length).toBeGreaterThanOrEqual(2 * (SECONDS - 2));
      const offsets: number[] = [];
      for (const f of screen) {
        for (const change of onWall(f)) {
          const match = reference.filter((r) => r.up === change.up).reduce((best, r) => (Math.abs(r.at - change.at) < Math.abs(best.at - change.at) ? r : best));
          offsets.push(change.at - match.at);
        }
      }
      // Both of the screen's files, each with several changes.
      expect(offsets.length).toBeGreaterThanOrEqual(8);
      for (const offset of offsets) expect(Math.abs(offset)).toBeLessThanOrEqual(100);
    } finally {
      host.close();
    }
  }, 90_000);
});
