export interface SenderReport {
  ssrc: number;
  /**
   * The sender's NTP clock at `rtpTimestamp`, in milliseconds. Not necessarily wall-clock time:
   * mediasoup's worker puts its monotonic clock there. All consumers of one worker share it, so
   * it lines their tracks up; the recorder notes the wall-clock time each report arrived too.
   */
  ntpMs: number;
  rtpTimestamp: number;
}

/**
 * The sender reports (RTCP PT 200) in one compound RTCP packet: each pairs an RTP timestamp with
 * the sender's wall clock, which is what lines tracks up at playback. Anything malformed is
 * skipped, never thrown: the packets come from the worker, but a parser must not trust lengths.
 */
export function parseSenderReports(packet: Buffer): SenderReport[] {
  const reports: SenderReport[] = [];
  let offset = 0;
  while (offset + 4 <= packet.length) {
    const version = packet[offset]! >> 6;
    const type = packet[offset + 1]!;
    const length = (packet.readUInt16BE(offset + 2) + 1) * 4;
    if (version !== 2 || offset + length > packet.length) break;
    if (type === 200 && length >= 28) {
      const seconds = packet.readUInt32BE(offset + 8);
      const fraction = packet.readUInt32BE(offset + 12);
      reports.push({
        ssrc: packet.readUInt32BE(offset + 4),
        ntpMs: seconds * 1000 + (fraction / 2 ** 32) * 1000,
        rtpTimestamp: packet.readUInt32BE(offset + 16),
      });
    }
    offset += length;
  }
  return reports;
}
