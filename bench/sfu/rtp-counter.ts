// Receive-side accounting per SSRC: packets, bytes and the extended highest sequence number
// (RFC 3550 A.1), so that loss over a window = (sequence span) − (packets received). Only the
// fixed RTP header is read: it is in the clear under SRTP too, so nothing needs decrypting.

interface SsrcState {
  firstSeq: number;
  maxSeq: number;
  cycles: number;
  received: number;
  bytes: number;
}

export interface SsrcMark {
  ext: number;
  received: number;
  bytes: number;
}

export interface WindowCount {
  /** Consumers' SSRCs that delivered nothing in the window. */
  silent: number;
  /** Consumers' SSRCs first heard during the window (counted from their first packet). */
  lateStart: number;
  expected: number;
  received: number;
  bytes: number;
}

export class RtpCounter {
  private readonly streams = new Map<number, SsrcState>();
  private marks = new Map<number, SsrcMark>();
  private wanted = new Set<number>();

  onPacket(buf: Buffer): void {
    if (buf.length < 12) return;
    const type = buf[1]!;
    // RTP/RTCP multiplexing (RFC 5761): RTCP packet types 192–223 never collide with RTP
    // payload types 96–127, with or without the marker bit.
    if (type >= 192 && type <= 223) return;
    const ssrc = buf.readUInt32BE(8);
    const seq = buf.readUInt16BE(2);
    const state = this.streams.get(ssrc);
    if (!state) {
      this.streams.set(ssrc, { firstSeq: seq, maxSeq: seq, cycles: 0, received: 1, bytes: buf.length });
      return;
    }
    state.received++;
    state.bytes += buf.length;
    const delta = (seq - state.maxSeq) & 0xffff;
    if (delta > 0 && delta < 0x8000) {
      if (seq < state.maxSeq) state.cycles += 0x10000;
      state.maxSeq = seq;
    }
  }

  /**
   * Takes over the counters of a receiver that counted elsewhere (the C receiver,
   * rtp-receiver.c): the same fields, so mark() and count() work on them unchanged.
   */
  replace(streams: Iterable<{ ssrc: number; firstSeq: number; ext: number; received: number; bytes: number }>): void {
    this.streams.clear();
    for (const s of streams) {
      const maxSeq = s.ext & 0xffff;
      this.streams.set(s.ssrc, { firstSeq: s.firstSeq, maxSeq, cycles: s.ext - maxSeq, received: s.received, bytes: s.bytes });
    }
  }

  /** Starts a window over the given consumer SSRCs. */
  mark(ssrcs: number[]): void {
    this.wanted = new Set(ssrcs);
    this.marks = new Map();
    for (const ssrc of ssrcs) {
      const s = this.streams.get(ssrc);
      if (s) this.marks.set(ssrc, { ext: s.cycles + s.maxSeq, received: s.received, bytes: s.bytes });
    }
  }

  count(): WindowCount {
    const out: WindowCount = { silent: 0, lateStart: 0, expected: 0, received: 0, bytes: 0 };
    for (const ssrc of this.wanted) {
      const s = this.streams.get(ssrc);
      const m = this.marks.get(ssrc);
      if (!s || (m && s.received === m.received)) {
        out.silent++;
        continue;
      }
      const ext = s.cycles + s.maxSeq;
      if (m) {
        out.expected += ext - m.ext;
        out.received += s.received - m.received;
        out.bytes += s.bytes - m.bytes;
      } else {
        // Its first packet is taken as the start: earlier losses cannot be seen.
        out.lateStart++;
        out.expected += ext - s.firstSeq + 1;
        out.received += s.received;
        out.bytes += s.bytes;
      }
    }
    return out;
  }

  reset(): void {
    this.streams.clear();
    this.marks.clear();
    this.wanted.clear();
  }
}
