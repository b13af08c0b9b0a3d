/** One recorded file as the export places it: its track, and where it starts on the session's clock. */
export interface ExportSource {
  path: string;
  kind: "audio" | "video";
  /** identity/source: files of one track share a cell of the grid. */
  trackKey: string;
  offsetMs: number;
  durationMs: number;
}

export interface ComposePlan {
  args: string[];
  totalMs: number;
  width: number;
  height: number;
}

const CELL_WIDTH = 640;
const CELL_HEIGHT = 360;
const FPS = 20;

/**
 * The ffmpeg command that composes a session's track files into one MP4: every video track in a
 * grid cell (letterboxed; black where it has no file), every audio track mixed, each file placed
 * at its first packet's offset, so the export keeps the playback page's alignment. Transcodes
 * (H.264 + AAC, the one format every phone and office PC plays), `+faststart` so the file plays
 * while it downloads, and `-progress` on stdout for the page's percentage.
 */
export function composeCommand(sources: ExportSource[], outputPath: string): ComposePlan {
  if (sources.length === 0) throw new Error("nothing to compose");
  const totalMs = Math.max(...sources.map((s) => s.offsetMs + s.durationMs));
  const videoTracks = [...new Set(sources.filter((s) => s.kind === "video").map((s) => s.trackKey))];
  const cells = Math.max(1, videoTracks.length);
  const columns = cells <= 1 ? 1 : cells <= 4 ? 2 : 3;
  const rows = Math.ceil(cells / columns);
  const width = columns * CELL_WIDTH;
  const height = rows * CELL_HEIGHT;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);

  const args = ["-hide_banner", "-nostdin", "-y"];
  for (const source of sources) args.push("-i", source.path);
  const filters: string[] = [`color=c=black:s=${width}x${height}:r=${FPS}:d=${seconds(totalMs)}[base0]`];
  let base = "base0";
  const audio: string[] = [];
  sources.forEach((source, index) => {
    if (source.kind === "video") {
      const cell = videoTracks.indexOf(source.trackKey);
      const x = (cell % columns) * CELL_WIDTH;
      const y = Math.floor(cell / columns) * CELL_HEIGHT;
      filters.push(
        `[${index}:v]setpts=PTS-STARTPTS+${seconds(source.offsetMs)}/TB,scale=${CELL_WIDTH}:${CELL_HEIGHT}:force_original_aspect_ratio=decrease,` +
          `pad=${CELL_WIDTH}:${CELL_HEIGHT}:(ow-iw)/2:(oh-ih)/2,setsar=1[v${index}]`,
      );
      // eof_action=pass: after its file ends (a gap, the person left) the cell goes black again.
      filters.push(`[${base}][v${index}]overlay=x=${x}:y=${y}:eof_action=pass:repeatlast=0[base${index + 1}]`);
      base = `base${index + 1}`;
    } else {
      filters.push(`[${index}:a]asetpts=PTS-STARTPTS,aresample=48000,adelay=${Math.round(source.offsetMs)}:all=1[a${index}]`);
      audio.push(`[a${index}]`);
    }
  });
  filters.push(`[${base}]null[vout]`);
  if (audio.length > 0) filters.push(`${audio.join("")}amix=inputs=${audio.length}:duration=longest:normalize=0[aout]`);

  args.push("-filter_complex", filters.join(";"), "-map", "[vout]");
  if (audio.length > 0) args.push("-map", "[aout]", "-c:a", "aac", "-b:a", "96k");
  args.push(
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p", "-r", String(FPS),
    // One thread: the export runs beside the portal (and maybe the media node) on a small machine.
    "-threads", "1", "-filter_complex_threads", "1",
    "-t", seconds(totalMs),
    "-movflags", "+faststart",
    "-f", "mp4",
    "-progress", "pipe:1", "-stats_period", "0.5", "-nostats",
    outputPath,
  );
  return { args, totalMs, width, height };
}

/**
 * Reads ffmpeg's `-progress` lines (`out_time_us=…`, `progress=continue|end`) into a percentage
 * of the session's length; null for a line that says nothing about time.
 */
export function progressPercent(line: string, totalMs: number): number | null {
  const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
  if (!match || totalMs <= 0) return null;
  // ffmpeg's out_time_ms is microseconds too (a long-standing misnomer).
  const ms = Number(match[1]) / 1000;
  return Math.max(0, Math.min(99, Math.floor((100 * ms) / totalMs)));
}
