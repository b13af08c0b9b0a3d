import { createHash } from "node:crypto";

/**
 * The node's `recording.closed` report of one camera file whose bytes are `content`: what a
 * recorder sends when a track's file is finished. Tests override what they check.
 */
export function recordingClosedEvent(room: string, file: string, content: string, overrides: Record<string, unknown> = {}) {
  const at = new Date();
  return {
    type: "recording.closed",
    room,
    at: at.toISOString(),
    node: "n1",
    identity: "person:1",
    name: "张三",
    source: "camera",
    kind: "video",
    file,
    codec: "video/VP8",
    sequence: 1,
    sizeBytes: Buffer.byteLength(content),
    sha256: createHash("sha256").update(content).digest("hex"),
    firstPacketAt: new Date(at.getTime() - 60_000).toISOString(),
    durationMs: 60_000,
    endReason: "stopped",
    gap: null,
    sync: [],
    ...overrides,
  };
}
