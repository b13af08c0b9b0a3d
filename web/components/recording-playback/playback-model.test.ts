import { describe, expect, it } from "vitest";
import { buildPlayback, segmentAt } from "./playback-model";

const file = (id: string, identity: string, kind: "audio" | "video", first: string | null, durationMs: number, extra: Record<string, unknown> = {}) => ({
  id,
  identity,
  name: identity === "a" ? "王警官" : "张三",
  source: kind === "audio" ? "mic" : "camera",
  kind,
  codec: kind === "audio" ? "opus" : "vp8",
  sequence: 0,
  sizeBytes: 1,
  sha256: "0".repeat(64),
  firstPacketAt: first,
  startAt: null as string | null,
  alignedBy: (first === null ? "none" : "first_packet") as "sender_reports" | "first_packet" | "none",
  endedAt: "2026-12-01T10:10:00.000Z",
  durationMs,
  endReason: "stopped",
  gap: null,
  legalHold: false,
  deletedAt: null,
  ...extra,
});

describe("buildPlayback", () => {
  it("places every file by its first packet and finds the gaps between a track's files", () => {
    const playback = buildPlayback([
      file("v1", "a", "video", "2026-12-01T10:00:01.000Z", 10_000),
      file("v2", "a", "video", "2026-12-01T10:00:15.000Z", 5_000),
      file("m1", "a", "audio", "2026-12-01T10:00:00.500Z", 20_000),
      file("w1", "b", "video", "2026-12-01T10:00:02.000Z", 8_000),
      file("gone", "b", "audio", "2026-12-01T10:00:02.000Z", 8_000, { deletedAt: "2026-12-02T00:00:00.000Z" }),
      file("empty", "b", "video", null, 0),
    ])!;
    expect(playback.startedAt).toBe(Date.parse("2026-12-01T10:00:00.500Z"));
    expect(playback.totalMs).toBe(20_000);
    expect(playback.tracks.map((t) => t.key)).toEqual(["a/camera/video", "b/camera/video", "a/mic/audio"]);
    const camera = playback.tracks.find((t) => t.key === "a/camera/video")!;
    expect(camera.segments.map((s) => s.offsetMs)).toEqual([500, 14_500]);
    expect(playback.gaps).toEqual([{ trackKey: "a/camera/video", fromMs: 10_500, toMs: 14_500 }]);
    expect(segmentAt(camera, 12_000)).toBeNull();
    expect(segmentAt(camera, 15_000)).toEqual({ segment: camera.segments[1], localMs: 500 });
  });

  it("places a file lined up from sender reports at its aligned start, not its first packet's time", () => {
    const playback = buildPlayback([
      file("v", "a", "video", "2026-12-01T10:00:01.000Z", 10_000),
      // Its first packet was stamped 180 ms late by a busy node; the sender reports put it at 1.020 s.
      file("w", "b", "video", "2026-12-01T10:00:01.200Z", 10_000, { startAt: "2026-12-01T10:00:01.020Z", alignedBy: "sender_reports" }),
    ])!;
    expect(playback.tracks.map((t) => [t.key, t.segments[0]!.offsetMs])).toEqual([
      ["a/camera/video", 0],
      ["b/camera/video", 20],
    ]);
  });

  it("has nothing to play without a file that got a packet", () => {
    expect(buildPlayback([file("x", "a", "video", null, 0)])).toBeNull();
  });
});
