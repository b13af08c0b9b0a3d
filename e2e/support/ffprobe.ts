import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ProbedMedia {
  /** Seconds, from the container (a cleanly closed WebM carries it). */
  durationS: number;
  /** The first stream that decoded: its codec and how many frames ffprobe decoded from it. */
  codec: string;
  kind: "audio" | "video";
  framesDecoded: number;
  /** First timestamp in the file, seconds. */
  startS: number;
}

/** Decodes a whole media file with Debian's ffprobe (`-count_frames` decodes every frame) and reports what it found. */
export async function probeMedia(file: string): Promise<ProbedMedia> {
  const { stdout } = await run(
    "ffprobe",
    ["-v", "error", "-count_frames", "-show_entries", "format=duration,start_time:stream=codec_type,codec_name,nb_read_frames", "-of", "json", file],
    { maxBuffer: 1 << 20 },
  );
  const out = JSON.parse(stdout) as { format: { duration?: string; start_time?: string }; streams: Array<{ codec_type: string; codec_name: string; nb_read_frames?: string }> };
  const stream = out.streams[0];
  if (!stream) throw new Error(`${file}: no stream`);
  return {
    durationS: Number(out.format.duration ?? Number.NaN),
    codec: stream.codec_name,
    kind: stream.codec_type === "audio" ? "audio" : "video",
    framesDecoded: Number(stream.nb_read_frames ?? 0),
    startS: Number(out.format.start_time ?? 0),
  };
}
