/**
 * The command line of one track's writer: GStreamer's gst-launch-1.0 receiving the track's RTP on
 * a loopback UDP port and writing it, without transcoding, to WebM (VP8, Opus) or Matroska
 * (H.264). Matroska is written cluster by cluster, so a writer killed mid-way leaves a file that
 * decodes up to its last cluster (docs/DECISIONS.md, issue 10, has the measurements and the
 * comparison with ffmpeg).
 */
export interface TrackCodec {
  mimeType: string;
  payloadType: number;
  clockRate: number;
  channels?: number;
}

/** Bytes of socket receive buffer: a 2.5 Mbit/s keyframe burst (≈ 300 kB) several times over. */
export const WRITER_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

export function fileExtension(codec: TrackCodec): "webm" | "mkv" {
  return codec.mimeType.toLowerCase() === "video/h264" ? "mkv" : "webm";
}

export function writerCommand(codec: TrackCodec, port: number, path: string): { command: string; args: string[] } {
  const mime = codec.mimeType.toLowerCase();
  const [media, encoding] = mime.split("/") as [string, string];
  const caps = [
    "application/x-rtp",
    `media=${media}`,
    `encoding-name=${encoding.toUpperCase() === "OPUS" ? "OPUS" : encoding.toUpperCase()}`,
    `clock-rate=${codec.clockRate}`,
    `payload=${codec.payloadType}`,
  ];
  let chain: string[];
  if (mime === "video/vp8") chain = ["rtpvp8depay", "!", "webmmux"];
  // opusparse adds the sample rate to the caps, without which webmmux refuses the stream.
  else if (mime === "audio/opus") chain = ["rtpopusdepay", "!", "opusparse", "!", "webmmux"];
  else if (mime === "video/h264") chain = ["rtph264depay", "!", "h264parse", "!", "matroskamux"];
  else throw new Error(`No recorder for ${codec.mimeType}`);
  return {
    command: "gst-launch-1.0",
    args: [
      // -e: SIGINT becomes end-of-stream, so a clean stop writes the duration and cues.
      "-e",
      "-q",
      "udpsrc",
      "address=127.0.0.1",
      `port=${port}`,
      `buffer-size=${WRITER_RECEIVE_BUFFER_BYTES}`,
      `caps=${caps.join(",")}`,
      "!",
      // mode=none: timestamps from the RTP timestamps (the sender's clock), not arrival times.
      "rtpjitterbuffer",
      "latency=100",
      "mode=none",
      "!",
      ...chain,
      "!",
      "filesink",
      `location=${path}`,
    ],
  };
}
