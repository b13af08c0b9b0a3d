import { describe, expect, it } from "vitest";
import { composeCommand, progressPercent } from "./compose-command.ts";

describe("the export's ffmpeg command", () => {
  const sources = [
    { path: "/r/a_cam_1.webm", kind: "video" as const, trackKey: "person:a/camera", offsetMs: 0, durationMs: 30_000 },
    { path: "/r/a_cam_2.webm", kind: "video" as const, trackKey: "person:a/camera", offsetMs: 40_000, durationMs: 20_000 },
    { path: "/r/b_cam.webm", kind: "video" as const, trackKey: "visitor:b/camera", offsetMs: 1_500, durationMs: 58_500 },
    { path: "/r/a_mic.webm", kind: "audio" as const, trackKey: "person:a/mic", offsetMs: 250, durationMs: 59_750 },
  ];

  it("puts each track in its own cell, a track's files in the same cell at their offsets, and mixes the sound", () => {
    const plan = composeCommand(sources, "/out.mp4.part");
    expect(plan).toMatchObject({ totalMs: 60_000, width: 1280, height: 360 });
    const graph = plan.args[plan.args.indexOf("-filter_complex") + 1]!;
    expect(graph).toContain("color=c=black:s=1280x360:r=20:d=60.000[base0]");
    // The second file of a's camera goes back into a's cell (x=0), 40 s in; b's camera is the second cell.
    expect(graph).toContain("[1:v]setpts=PTS-STARTPTS+40.000/TB");
    expect(graph).toContain("[base1][v1]overlay=x=0:y=0:eof_action=pass");
    expect(graph).toContain("[2:v]setpts=PTS-STARTPTS+1.500/TB");
    expect(graph).toContain("[base2][v2]overlay=x=640:y=0:eof_action=pass");
    expect(graph).toContain("[3:a]asetpts=PTS-STARTPTS,aresample=48000,adelay=250:all=1[a3]");
    expect(graph).toContain("[a3]amix=inputs=1:duration=longest:normalize=0[aout]");
    expect(plan.args.slice(-1)).toEqual(["/out.mp4.part"]);
    expect(plan.args).toEqual(expect.arrayContaining(["-progress", "pipe:1", "-movflags", "+faststart", "-t", "60.000"]));
  });

  it("lays five or more tracks out three a row", () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ path: `/r/${i}.webm`, kind: "video" as const, trackKey: `p${i}/camera`, offsetMs: 0, durationMs: 1000 }));
    expect(composeCommand(many, "/o")).toMatchObject({ width: 1920, height: 720 });
  });

  it("reads ffmpeg's progress lines as a percentage below 100 until it is done", () => {
    expect(progressPercent("out_time_us=30000000", 60_000)).toBe(50);
    expect(progressPercent("out_time_ms=59999000", 60_000)).toBe(99);
    expect(progressPercent("out_time_us=90000000", 60_000)).toBe(99);
    expect(progressPercent("out_time_us=N/A", 60_000)).toBeNull();
    expect(progressPercent("progress=continue", 60_000)).toBeNull();
  });
});
