// bench/sfu's C receiver must count exactly what the Node.js counter counts: same packets, same
// sequence gaps, RTCP ignored, sequence wrap-around extended. Real UDP on 127.0.0.1.
import dgram from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RtpCounter } from "../../bench/sfu/rtp-counter.ts";
import { CReceiver } from "../../bench/sfu/rtp-receiver.ts";

function rtp(ssrc: number, seq: number, payloadBytes = 100): Buffer {
  const b = Buffer.alloc(12 + payloadBytes, 0x5a);
  b[0] = 0x80;
  b[1] = 96;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(0, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}

function rtcpReceiverReport(ssrc: number): Buffer {
  const b = Buffer.alloc(8);
  b[0] = 0x80;
  b[1] = 201;
  b.writeUInt16BE(1, 2);
  b.writeUInt32BE(ssrc, 4);
  return b;
}

describe("bench/sfu C receiver", () => {
  let receiver: CReceiver;
  const sender = dgram.createSocket("udp4");

  beforeAll(async () => {
    receiver = await CReceiver.start(2, 1 << 20);
  });
  afterAll(() => {
    receiver.stop();
    sender.close();
  });

  it("counts packets, bytes and sequence gaps per SSRC like RtpCounter, across a wrap", async () => {
    const a = 0x11111111;
    const b = 0xdeadbeef;
    // a: 65530…65535, 0…9 without 3 and 7 (a wrap, 2 lost); b: 100…119 without 110 (1 lost).
    const packets = [
      ...[...Array(16).keys()].map((i) => (65530 + i) & 0xffff).filter((s) => s !== 3 && s !== 7).map((s) => rtp(a, s)),
      ...[...Array(20).keys()].map((i) => 100 + i).filter((s) => s !== 110).map((s) => rtp(b, s, 200)),
      rtcpReceiverReport(a),
    ];
    for (const [i, packet] of packets.entries()) {
      await new Promise<void>((resolve) => sender.send(packet, receiver.ports[i % 2]!, "127.0.0.1", () => resolve()));
    }
    // The receiver drains every millisecond.
    let snapshot = await receiver.snapshot();
    for (let i = 0; i < 50 && snapshot.streams.reduce((n, s) => n + s.received, 0) < packets.length - 1; i++) {
      await new Promise((r) => setTimeout(r, 20));
      snapshot = await receiver.snapshot();
    }

    const bySsrc = new Map(snapshot.streams.map((s) => [s.ssrc, s]));
    expect(bySsrc.size).toBe(2);
    expect(bySsrc.get(a)).toMatchObject({ firstSeq: 65530, ext: 0x10000 + 9, received: 14, bytes: 14 * 112 });
    expect(bySsrc.get(b)).toMatchObject({ firstSeq: 100, ext: 119, received: 19, bytes: 19 * 212 });
    expect(snapshot.unreadable).toBe(0);

    // Over a window opened before any packet (both streams start in it), both counters agree.
    const windowOf = (counter: RtpCounter, feed: (k: RtpCounter) => void) => {
      counter.reset();
      counter.mark([a, b]);
      feed(counter);
      return counter.count();
    };
    const viaNode = windowOf(new RtpCounter(), (k) => packets.forEach((p) => k.onPacket(p)));
    const viaC = windowOf(new RtpCounter(), (k) => k.replace(snapshot.streams));
    expect(viaC).toEqual(viaNode);
    expect(viaC).toMatchObject({ lateStart: 2, expected: 16 + 20, received: 14 + 19, silent: 0 });

    await receiver.reset();
    expect((await receiver.snapshot()).streams).toEqual([]);
  });
});
