// bench/sfu's C receiver answers each subscriber leg with transport-cc feedback, as a browser
// does, so that the worker under test empties its send history as it would in production. First
// the packet itself (plain RTCP, read here), then a real worker hearing it through SRTCP.
import "../../bench/sfu/worker-bin.ts";
import dgram from "node:dgram";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEDIA_CODECS } from "../../server/src/media/codecs.ts";
import {
  consumerRtpCapabilities,
  producerRtpParameters,
  publisherTransportOptions,
  subscriberConnectParams,
  subscriberTransportOptions,
  twccExtensionId,
} from "../../bench/sfu/media-params.ts";
import { CReceiver } from "../../bench/sfu/rtp-receiver.ts";
import { Vp8Stream } from "../../bench/sfu/vp8-stream.ts";

const EXT_ID = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An RTP packet carrying a transport-wide sequence number in a one-byte header extension. */
function rtpWithTwcc(ssrc: number, seq: number, twcc: number): Buffer {
  const b = Buffer.alloc(12 + 8 + 50, 0);
  b[0] = 0x90; // V=2, X=1
  b[1] = 96;
  b.writeUInt16BE(seq, 2);
  b.writeUInt32BE(ssrc, 8);
  b.writeUInt16BE(0xbede, 12);
  b.writeUInt16BE(1, 14); // one 32-bit word of extensions
  b[16] = (EXT_ID << 4) | 1; // two bytes
  b.writeUInt16BE(twcc, 17);
  return b;
}

/** The statuses of an RTPFB/15 packet made only of two-bit vector chunks (what the receiver sends). */
function readFeedback(rtcp: Buffer) {
  const count = rtcp.readUInt16BE(14);
  const statuses: number[] = [];
  for (let at = 20; statuses.length < count; at += 2) {
    const chunk = rtcp.readUInt16BE(at);
    expect(chunk >> 14, "two-bit vector chunk").toBe(0b11);
    for (let j = 0; j < 7 && statuses.length < count; j++) statuses.push((chunk >> (12 - 2 * j)) & 0b11);
  }
  return {
    type: [rtcp[0]! & 0x1f, rtcp[1]],
    lengthOk: (rtcp.readUInt16BE(2) + 1) * 4 === rtcp.length,
    mediaSsrc: rtcp.readUInt32BE(8),
    base: rtcp.readUInt16BE(12),
    statuses,
    fbCount: rtcp[19],
  };
}

describe("bench/sfu C receiver: transport-cc feedback", () => {
  let receiver: CReceiver;

  beforeAll(async () => {
    receiver = await CReceiver.start(1, 1 << 20);
  });
  afterAll(() => receiver.stop());

  it("reports every transport-wide sequence number since the last feedback, a missing one as not received", async () => {
    const worker = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => worker.bind(0, "127.0.0.1", resolve));
    const answers: Buffer[] = [];
    worker.on("message", (m) => answers.push(m));
    await receiver.feedback([{ workerPort: worker.address().port, twccExtensionId: EXT_ID }], 50);

    // 65533…65535, 0…3 without 1: across the wrap, one lost; then 4, which a later feedback reports.
    for (const [i, twcc] of [65533, 65534, 65535, 0, 2, 3].entries()) worker.send(rtpWithTwcc(0xabcdef01, 1000 + i, twcc), receiver.ports[0]!, "127.0.0.1");
    for (let i = 0; i < 50 && answers.length === 0; i++) await sleep(20);
    worker.send(rtpWithTwcc(0xabcdef01, 1010, 4), receiver.ports[0]!, "127.0.0.1");
    const reported = () => answers.reduce((n, a) => n + readFeedback(a).statuses.length, 0);
    for (let i = 0; i < 50 && reported() < 8; i++) await sleep(20);
    worker.close();

    // The receiver drains every millisecond, so the first packets may be split over two feedbacks:
    // read them as one sequence, each starting where the previous one ended.
    const feedbacks = answers.map(readFeedback);
    expect(feedbacks[0]).toMatchObject({ type: [15, 205], lengthOk: true, mediaSsrc: 0xabcdef01, base: 65533, fbCount: 0 });
    feedbacks.forEach((f, i) => {
      expect(f.lengthOk).toBe(true);
      expect(f.fbCount).toBe(i);
      if (i > 0) expect(f.base).toBe((feedbacks[i - 1]!.base + feedbacks[i - 1]!.statuses.length) & 0xffff);
    });
    // 1 = received (small delta), 0 = not received.
    expect(feedbacks.flatMap((f) => f.statuses)).toEqual([1, 1, 1, 1, 0, 1, 1, 1]);
    expect((await receiver.snapshot()).feedbackFailed).toBe(0);
  });

  it("is heard by a real worker through SRTCP: its estimate for the leg leaves the initial 600 kbit/s", async () => {
    const mediasoupWorker = await mediasoup.createWorker({ logLevel: "warn", rtcMinPort: 47900, rtcMaxPort: 47999 });
    const sender = dgram.createSocket("udp4");
    try {
      const router = await mediasoupWorker.createRouter({ mediaCodecs: MEDIA_CODECS });
      const caps = consumerRtpCapabilities(router.rtpCapabilities, true);
      const leg = await router.createPlainTransport(subscriberTransportOptions("gcm"));
      const connect = subscriberConnectParams("gcm", receiver.ports[0]!);
      await leg.connect(connect);
      // Four cameras (≈ 1.7 Mbit/s) on the leg: the estimate grows only above what the leg carries.
      const publishers = await Promise.all([1, 2, 3, 4].map(async (n) => {
        const transport = await router.createPlainTransport(publisherTransportOptions());
        const stream = new Vp8Stream(0x1234500 + n);
        const producer = await transport.produce({ kind: "video", rtpParameters: producerRtpParameters([stream.ssrc]) });
        await leg.consume({ producerId: producer.id, rtpCapabilities: caps });
        return { stream, port: transport.tuple.localPort };
      }));
      await receiver.feedback([{ workerPort: leg.tuple.localPort, twccExtensionId: twccExtensionId(caps)!, srtp: connect.srtpParameters! }], 100);
      const sentBefore = (await receiver.snapshot()).feedbackSent;

      const started = Date.now();
      let estimate = 0;
      let stats: types.PlainTransportStat | undefined;
      while (Date.now() - started < 10_000) {
        for (const { stream, port } of publishers) for (const packet of stream.nextFrame(Date.now())) sender.send(packet, port, "127.0.0.1");
        await sleep(33);
        if ((Date.now() - started) % 1000 < 40) {
          stats = (await leg.getStats())[0] as types.PlainTransportStat;
          estimate = stats.availableOutgoingBitrate ?? 0;
          if (estimate > 600_000) break;
        }
      }
      const snapshot = await receiver.snapshot();
      expect(snapshot.feedbackSent - sentBefore, "feedback packets sent").toBeGreaterThan(5);
      expect(snapshot.feedbackFailed).toBe(0);
      expect(stats?.bytesReceived ?? 0, "RTCP bytes the worker took in").toBeGreaterThan(0);
      expect(estimate, "the worker's send-side estimate for the leg, bit/s").toBeGreaterThan(600_000);
    } finally {
      sender.close();
      mediasoupWorker.close();
    }
  });
});
