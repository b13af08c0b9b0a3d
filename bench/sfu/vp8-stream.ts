// One synthetic VP8 camera stream, packetized the way Chrome sends it, so mediasoup's VP8 parser
// sees real payload descriptors (it needs them to find keyframes and start consumers). By default
// the payload is filler of a camera's size (the SFU never decodes it); given an encoded clip, the
// payload is that clip's real VP8 frames, so that a browser on the far end can decode them.

export const STREAM = {
  payloadType: 96,
  clockRate: 90_000,
  fps: 30,
  /** Delta frames alternate between 1 and 2 packets: 45 packets/s at 30 fps. */
  deltaFramePackets: [1, 2] as const,
  /** Payload bytes per packet, ±PAYLOAD_JITTER (varied so packets are not all alike). */
  payloadBytes: 1150,
  payloadJitter: 50,
  keyFramePackets: 10,
  /** A burst of PLIs (many consumers starting) yields one keyframe per this interval, as encoders do. */
  minKeyFrameIntervalMs: 300,
} as const;

const RTP_HEADER = 12;
const VP8_DESCRIPTOR = 6;

/** ≈ packets/s and bits/s of one stream on the wire (RTP + UDP + IPv4 headers included). */
export function nominalRate(): { pps: number; bps: number } {
  const perFrame = STREAM.deltaFramePackets.reduce((a, b) => a + b, 0) / STREAM.deltaFramePackets.length;
  const pps = perFrame * STREAM.fps;
  return { pps, bps: pps * (STREAM.payloadBytes + RTP_HEADER + VP8_DESCRIPTOR + 28) * 8 };
}

/** Real VP8 frames (e.g. from clip.ts): the first is a keyframe; the stream loops over them. */
export interface EncodedClip {
  fps: number;
  width: number;
  height: number;
  frames: Array<{ key: boolean; data: Buffer }>;
}

/** Payload bytes per packet of a clip frame: below a browser's MTU budget, as Chrome splits them. */
const CLIP_MAX_PAYLOAD = 1150;

export class Vp8Stream {
  private seq = Math.floor(Math.random() * 0x10000);
  private timestamp = Math.floor(Math.random() * 0x1_0000_0000);
  private pictureId = Math.floor(Math.random() * 0x8000);
  private tl0PicIdx = 0;
  private frameIndex = 0;
  private keyFrameWanted = true; // the first frame is a keyframe
  private lastKeyFrameAt = -Infinity;
  private clipIndex = 0;
  /** Filler bytes shared by every packet: its content does not matter to the SFU. */
  private static readonly filler = Buffer.alloc(STREAM.payloadBytes + STREAM.payloadJitter, 0x5a);
  packetsSent = 0;
  keyFramesSent = 0;

  constructor(
    readonly ssrc: number,
    private readonly clip?: EncodedClip,
  ) {
    if (clip && !clip.frames[0]?.key) throw new Error("an encoded clip must start with a keyframe");
  }

  get fps(): number {
    return this.clip?.fps ?? STREAM.fps;
  }

  requestKeyFrame(): void {
    this.keyFrameWanted = true;
  }

  /** The packets of the next frame; the caller sends them back to back. */
  nextFrame(nowMs: number): Buffer[] {
    const key = this.keyFrameWanted && nowMs - this.lastKeyFrameAt >= STREAM.minKeyFrameIntervalMs;
    if (key) {
      this.keyFrameWanted = false;
      this.lastKeyFrameAt = nowMs;
      this.keyFramesSent++;
    }
    const packets = this.clip ? this.clipPackets(key) : this.fillerPackets(key);
    this.frameIndex++;
    this.pictureId = (this.pictureId + 1) & 0x7fff;
    this.tl0PicIdx = (this.tl0PicIdx + 1) & 0xff;
    this.timestamp = (this.timestamp + STREAM.clockRate / this.fps) >>> 0;
    this.packetsSent += packets.length;
    return packets;
  }

  private fillerPackets(key: boolean): Buffer[] {
    const count = key ? STREAM.keyFramePackets : STREAM.deltaFramePackets[this.frameIndex % STREAM.deltaFramePackets.length]!;
    const packets: Buffer[] = [];
    for (let i = 0; i < count; i++) packets.push(this.packet(i === 0, i === count - 1, key));
    return packets;
  }

  /** The clip's next frame; a keyframe request restarts the clip (its first frame is the keyframe). */
  private clipPackets(key: boolean): Buffer[] {
    const frames = this.clip!.frames;
    if (key || this.clipIndex >= frames.length) this.clipIndex = 0;
    const frame = frames[this.clipIndex++]!;
    const count = Math.max(1, Math.ceil(frame.data.length / CLIP_MAX_PAYLOAD));
    const size = Math.ceil(frame.data.length / count);
    const packets: Buffer[] = [];
    for (let i = 0; i < count; i++) packets.push(this.packet(i === 0, i === count - 1, frame.key, frame.data.subarray(i * size, (i + 1) * size)));
    return packets;
  }

  private packet(first: boolean, last: boolean, key: boolean, vp8?: Buffer): Buffer {
    const payload = vp8?.length ?? STREAM.payloadBytes + Math.round((Math.random() * 2 - 1) * STREAM.payloadJitter);
    const buf = Buffer.allocUnsafe(RTP_HEADER + VP8_DESCRIPTOR + payload);
    // RTP header (RFC 3550): V=2, no padding/extension/CSRC; marker on the frame's last packet.
    buf[0] = 0x80;
    buf[1] = (last ? 0x80 : 0) | STREAM.payloadType;
    buf.writeUInt16BE(this.seq, 2);
    buf.writeUInt32BE(this.timestamp, 4);
    buf.writeUInt32BE(this.ssrc, 8);
    this.seq = (this.seq + 1) & 0xffff;
    // VP8 payload descriptor (RFC 7741) as Chrome writes it: X=1, S on the first packet, PID=0;
    // I/L/T present; 15-bit picture id; TL0PICIDX; TID=0 with Y=1.
    buf[12] = 0x80 | (first ? 0x10 : 0);
    buf[13] = 0xe0;
    buf.writeUInt16BE(0x8000 | this.pictureId, 14);
    buf[16] = this.tl0PicIdx;
    buf[17] = 0x20;
    if (vp8) {
      vp8.copy(buf, 18);
      return buf;
    }
    Vp8Stream.filler.copy(buf, 18, 0, payload);
    if (first) {
      // VP8 frame tag: bit 0 (P) is 0 for a keyframe; show_frame set. A keyframe carries the
      // start code and a 640x480 size, like a real encoder's.
      buf[18] = key ? 0x10 : 0x11;
      if (key) {
        buf[21] = 0x9d;
        buf[22] = 0x01;
        buf[23] = 0x2a;
        buf.writeUInt16LE(640, 24);
        buf.writeUInt16LE(480, 26);
      }
    }
    return buf;
  }
}

/** Media SSRCs that an RTCP compound packet asks a keyframe for (PLI and FIR). */
export function keyFrameRequests(rtcp: Buffer): number[] {
  const ssrcs: number[] = [];
  let offset = 0;
  while (offset + 12 <= rtcp.length) {
    const fmt = rtcp[offset]! & 0x1f;
    const type = rtcp[offset + 1]!;
    const length = (rtcp.readUInt16BE(offset + 2) + 1) * 4;
    if (type === 206 && fmt === 1) ssrcs.push(rtcp.readUInt32BE(offset + 8));
    if (type === 206 && fmt === 4 && offset + 16 <= rtcp.length) ssrcs.push(rtcp.readUInt32BE(offset + 12));
    offset += length;
  }
  return ssrcs;
}

/** A 3-second loop of one layer's frames: a keyframe (5× a delta frame) then deltas of its bitrate. */
export function layerClip({ kbps, width, height }: { kbps: number; width: number; height: number }): EncodedClip {
  const delta = Math.round((kbps * 1000) / 8 / STREAM.fps);
  const frame = (key: boolean) => {
    const data = Buffer.alloc(key ? delta * 5 : delta, 0x5a);
    data[0] = key ? 0x10 : 0x11;
    if (key) {
      data.set([0x9d, 0x01, 0x2a], 3);
      data.writeUInt16LE(width, 6);
      data.writeUInt16LE(height, 8);
    }
    return { key, data };
  };
  return { fps: STREAM.fps, width, height, frames: [frame(true), ...Array.from({ length: STREAM.fps * 3 - 1 }, () => frame(false))] };
}
