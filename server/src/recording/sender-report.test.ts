import { describe, expect, it } from "vitest";
import { parseSenderReports } from "./sender-report.ts";

function senderReport(ssrc: number, seconds: number, fraction: number, rtp: number): Buffer {
  const packet = Buffer.alloc(28);
  packet[0] = 0x80;
  packet[1] = 200;
  packet.writeUInt16BE(6, 2);
  packet.writeUInt32BE(ssrc, 4);
  packet.writeUInt32BE(seconds, 8);
  packet.writeUInt32BE(fraction, 12);
  packet.writeUInt32BE(rtp, 16);
  return packet;
}

describe("parseSenderReports", () => {
  it("reads the NTP and RTP times of each sender report in a compound packet", () => {
    const receiverReport = Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 9]);
    const packet = Buffer.concat([senderReport(7, 100, 2 ** 31, 90_000), receiverReport, senderReport(8, 1, 0, 5)]);
    expect(parseSenderReports(packet)).toEqual([
      { ssrc: 7, ntpMs: 100_500, rtpTimestamp: 90_000 },
      { ssrc: 8, ntpMs: 1000, rtpTimestamp: 5 },
    ]);
  });

  it("skips what is malformed instead of reading past the end", () => {
    const truncated = senderReport(7, 100, 0, 1).subarray(0, 20);
    expect(parseSenderReports(truncated)).toEqual([]);
    const lying = senderReport(7, 100, 0, 1);
    lying.writeUInt16BE(400, 2);
    expect(parseSenderReports(lying)).toEqual([]);
    expect(parseSenderReports(Buffer.alloc(0))).toEqual([]);
    expect(parseSenderReports(Buffer.from([0x00, 200, 0, 6]))).toEqual([]);
  });
});
