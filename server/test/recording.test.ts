import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RecordingFileReport } from "../src/recording/recording-report.ts";
import { fileDigest } from "../src/recording/file-digest.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { countFrames, decodesCleanly, encodeClip, plainProducer, sendClip, type Clip } from "./support/rtp-source.ts";
import { TestClient } from "./support/test-client.ts";

const moderatorGrants = { publish: true, subscribe: true, observe: false, moderate: true };

/** Every file's description (`<file>.json`) in one room's recordings folder. */
function reports(roomDir: string): RecordingFileReport[] {
  if (!existsSync(roomDir)) return [];
  return readdirSync(roomDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(path.join(roomDir, name), "utf8")) as RecordingFileReport)
    .sort((a, b) => a.sequence - b.sequence);
}

describe("recorder (real worker, real GStreamer writer, ffprobe on the files)", () => {
  let fixture: NodeFixture;
  let dir: string;
  let video: Clip;
  let audio: Clip;
  let clips: string;
  const clients: TestClient[] = [];
  let roomCounter = 0;
  const connect = async (sub: string, room: string, extra: Record<string, unknown> = {}) => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub, room, ...extra }));
    clients.push(client);
    await client.join();
    return client;
  };
  const roomDir = (room: string) => path.join(dir, room);
  /** The writers start in the background after the ack; the clips' keyframes come every 3 s and
   * ffmpeg cannot answer a keyframe request, so the tests send once every writer listens. */
  const writersListening = (room: string, tracks: number) =>
    expect
      .poll(() => [...fixture.node.recordings.of(fixture.node.rooms.get(room)!).trackRecorders()].filter((t) => t.isWriting).length, { timeout: 15_000 })
      .toBe(tracks);

  beforeAll(async () => {
    clips = mkdtempSync(path.join(os.tmpdir(), "yg-clips-"));
    video = encodeClip(clips, "video", 8);
    audio = encodeClip(clips, "audio", 8);
    fixture = await startMediaNode();
    dir = fixture.node.config.recording.dir;
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await fixture?.stop();
    rmSync(clips, { recursive: true, force: true });
  });

  it("records a video and an audio track without transcoding: every frame sent decodes from the file", async () => {
    const room = `rec-${++roomCounter}`;
    const host = await connect("host", room, { role: "staff", grants: moderatorGrants });
    const person = await connect("person", room);
    const live = fixture.node.rooms.get(room)!;
    const peer = live.findPeer("person")!;
    const cam = await plainProducer(live, peer, "video", "camera", 1111);
    const mic = await plainProducer(live, peer, "audio", "mic", 2222);

    const state = await host.ok("startRecording", {});
    expect(state).toMatchObject({ state: "recording", reason: null, forbidden: false });
    await person.waitFor("recordingState", (s) => s.state === "recording");
    await writersListening(room, 2);

    const sent = [sendClip(video, cam, 1111), sendClip(audio, mic, 2222)];
    await Promise.all(sent.map((s) => s.done));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await host.ok("stopRecording", {})).toMatchObject({ state: "off", reason: "stopped" });
    await person.waitFor("recordingState", (s) => s.state === "off");

    const files = reports(roomDir(room));
    expect(files.map((f) => [f.kind, f.source, f.endReason]).sort()).toEqual([
      ["audio", "mic", "stopped"],
      ["video", "camera", "stopped"],
    ]);
    for (const report of files) {
      const file = path.join(dir, report.file);
      const clip = report.kind === "video" ? video : audio;
      const frames = countFrames(file);
      // Within 2 % of what was sent (the bar); in practice every frame.
      expect(Math.abs(frames - clip.frames) / clip.frames).toBeLessThanOrEqual(0.02);
      expect(decodesCleanly(file)).toMatchObject({ ok: true });
      expect(report.codec.toLowerCase()).toBe(report.kind === "video" ? "video/vp8" : "audio/opus");
      expect(await fileDigest(file)).toEqual({ sizeBytes: report.sizeBytes, sha256: report.sha256 });
      expect(Date.parse(report.firstPacketAt!)).toBeGreaterThan(Date.now() - 60_000);
      expect(report.durationMs).toBeGreaterThan(clip.seconds * 1000 * 0.9);
      expect(report.gap).toBeNull();
      // The worker's sender reports (about one a second) pair RTP time with wall-clock time.
      expect(report.senderReports.length).toBeGreaterThanOrEqual(1);
      const firstReport = report.senderReports[0]!;
      expect(firstReport.receivedAt).toBeGreaterThanOrEqual(Date.parse(report.firstPacketAt!) - 1000);
      expect(firstReport.receivedAt).toBeLessThanOrEqual(Date.parse(report.endedAt));
    }
  }, 60_000);

  it("survives the writer's kill -9: the partial file decodes, a new file covers the rest, the gap is listed", async () => {
    const room = `rec-${++roomCounter}`;
    const host = await connect("host", room, { role: "staff", grants: moderatorGrants });
    const live = fixture.node.rooms.get(room)!;
    const cam = await plainProducer(live, live.findPeer("host")!, "video", "camera", 3333);
    await host.ok("startRecording", {});
    await writersListening(room, 1);
    const sending = sendClip(video, cam, 3333);
    const track = () => [...fixture.node.recordings.of(live).trackRecorders()][0]!;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const firstPid = track().writerPid!;
    process.kill(firstPid, "SIGKILL");
    const killedAt = Date.now();
    // Detected and replaced within 2 s (the exit is seen at once; the new writer must listen).
    await expect.poll(() => track().writerPid !== undefined && track().writerPid !== firstPid, { timeout: 2000, interval: 20 }).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(2000);
    await sending.done;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await host.ok("stopRecording", {});
    expect(host.received.some((r) => r.event === "recordingState" && (r.payload as { state: string }).state === "failed")).toBe(false);

    const [first, second] = reports(roomDir(room));
    expect(first).toMatchObject({ sequence: 1, endReason: "writer_died", gap: null });
    expect(second).toMatchObject({ sequence: 2, endReason: "stopped" });
    expect(second!.gap).not.toBeNull();
    expect(Date.parse(second!.gap!.from)).toBeGreaterThanOrEqual(killedAt - 50);
    expect(Date.parse(second!.gap!.to!)).toBeGreaterThanOrEqual(Date.parse(second!.gap!.from));
    const partial = countFrames(path.join(dir, first!.file));
    const rest = countFrames(path.join(dir, second!.file));
    expect(partial).toBeGreaterThan(20);
    expect(rest).toBeGreaterThan(20);
    // What is missing is what the gap says was missed (20 fps), give or take a keyframe wait.
    const gapFrames = ((Date.parse(second!.gap!.to!) - Date.parse(second!.gap!.from)) / 1000) * 20;
    expect(partial + rest).toBeGreaterThanOrEqual(video.frames - gapFrames - 70);
    expect(partial + rest).toBeLessThanOrEqual(video.frames);
  }, 60_000);

  it("ends a paused producer's file and starts a new one on resume; a screen share is its own track", async () => {
    const room = `rec-${++roomCounter}`;
    const host = await connect("host", room, { role: "staff", grants: moderatorGrants });
    const live = fixture.node.rooms.get(room)!;
    const peer = live.findPeer("host")!;
    await host.ok("startRecording", {});
    const cam = await plainProducer(live, peer, "video", "camera", 4444);
    const screen = await plainProducer(live, peer, "video", "screen", 5555);
    await writersListening(room, 2);
    const sending = [sendClip(video, cam, 4444), sendClip(video, screen, 5555)];
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await live.setProducerPaused(peer, cam.producer.id, true);
    await expect.poll(() => reports(roomDir(room)).length, { timeout: 5000 }).toBe(1);
    await live.setProducerPaused(peer, cam.producer.id, false);
    await Promise.all(sending.map((s) => s.done));
    await host.ok("stopRecording", {});
    const files = reports(roomDir(room));
    expect(files.map((f) => `${f.source}:${f.sequence}:${f.endReason}`).sort()).toEqual(["camera:1:producer_paused", "camera:2:stopped", "screen:1:stopped"]);
    for (const f of files) expect(decodesCleanly(path.join(dir, f.file)).ok).toBe(true);
  }, 60_000);

  it("lets only a moderator start or stop a recording", async () => {
    const room = `rec-${++roomCounter}`;
    await connect("host", room, { role: "staff", grants: moderatorGrants });
    const person = await connect("person", room);
    expect(await person.request("startRecording", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await person.request("stopRecording", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(fixture.node.recordings.of(fixture.node.rooms.get(room)!).state.state).toBe("off");
  });

  it("refuses to record a privileged room; a privileged token cannot enter a room being recorded", async () => {
    const room = `rec-${++roomCounter}`;
    const host = await connect("host", room, { role: "staff", grants: moderatorGrants, kind: "visit", as: "staff", privileged: true });
    const refused = await host.request("startRecording", {});
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await host.waitFor("recordingState")).toMatchObject({ state: "off", forbidden: true, required: false });

    const other = `rec-${++roomCounter}`;
    const officer = await connect("officer", other, { role: "staff", grants: moderatorGrants });
    await officer.ok("startRecording", {});
    // The room's terms are fixed by its first token (room-terms.ts): a token that calls it
    // privileged later is refused, so a recording that participants were told about never stops
    // silently, and a lawyer is never let into a recorded room.
    await expect(connect("lawyer", other, { privileged: true })).rejects.toThrow(/forbidden/);
    await officer.waitFor("recordingState", (s) => s.state === "recording");
    expect(await officer.request("stopRecording", {})).toMatchObject({ ok: true });
  });

  it("records a must-record room from the first join, and no moderator can stop it", async () => {
    const room = `rec-${++roomCounter}`;
    const host = await connect("host", room, { role: "staff", grants: moderatorGrants, mustRecord: true });
    expect(await host.waitFor("recordingState")).toMatchObject({ state: "recording", required: true });
    expect(await host.request("stopRecording", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

describe("recorder below the free-space floor", () => {
  let fixture: NodeFixture;
  beforeAll(async () => {
    // A floor no disk here reaches: 10 TB.
    fixture = await startMediaNode({ RECORDING_MIN_FREE_MB: String(10_000_000) });
  });
  afterAll(() => fixture?.stop());

  it("refuses clearly, shows 'not recording', and counts the refusal in /metrics", async () => {
    const host = await TestClient.connect(fixture.url, await fixture.token({ sub: "host", room: "full", role: "staff", grants: moderatorGrants }));
    try {
      await host.join();
      const refused = await host.request("startRecording", {});
      expect(refused).toMatchObject({ ok: false, error: { code: "storage_full" } });
      await host.waitFor("recordingState", (s) => s.state === "off" && s.reason === "storage_full");
      const metrics = await fixture.node.recordings.refusals.get();
      expect(metrics.values.find((v) => v.labels.reason === "storage_full")?.value).toBeGreaterThanOrEqual(1);
    } finally {
      host.close();
    }
  });

  it("a room that must be recorded shows the failure instead", async () => {
    const host = await TestClient.connect(fixture.url, await fixture.token({ sub: "host", room: "full-required", role: "staff", grants: moderatorGrants, mustRecord: true }));
    try {
      await host.join();
      await host.waitFor("recordingState", (s) => s.state === "failed" && s.reason === "storage_full");
    } finally {
      host.close();
    }
  });
});
