/**
 * Where each recording file sits on the wall clock, from the media node's sender reports (issue 10:
 * "play back in sync"). A file's time 0 is its first RTP packet (the writer times frames from RTP
 * timestamps, `rtpjitterbuffer mode=none`), so its place is the NTP time of that packet's RTP
 * timestamp, read off the RTP↔NTP pairs of the worker's sender reports for the file.
 *
 * Why not the first packet's wall-clock time alone: the node stamps it in its event loop when the
 * worker's trace event arrives, late by however busy the node is (tens to hundreds of ms under
 * load); the sender reports are made in the worker, on one clock for every track of the machine.
 * That clock (mediasoup's monotonic NTP) is not the wall clock: it is put on it with the smallest
 * (arrival − NTP) gap over the node's reports, the report least delayed on its way to the node.
 * A file without reports (shorter than the first one, or from an older node) keeps its first
 * packet's time.
 */
export interface SyncPair {
  ntpMs: number;
  rtpTimestamp: number;
  receivedAt: number;
}

export interface AlignableFile {
  id: string;
  node: string;
  firstPacketAt: Date | string | null;
  clockRate: number | null;
  firstRtpTimestamp: number | null;
  sync: SyncPair[];
}

export interface FilePlacement {
  /** Wall-clock time (Unix ms) of the file's time 0; null: never got a packet. */
  startAt: number | null;
  by: "sender_reports" | "first_packet" | "none";
}

const RTP_WRAP = 2 ** 32;
/** Files whose own NTP→wall gaps differ by more than this were on different clocks (the node restarted the machine). */
const SAME_CLOCK_MS = 1000;
/** The reports that place a file: those of its first minute. */
const ORIGIN_WINDOW_MS = 60_000;

export function alignFiles(files: AlignableFile[]): Map<string, FilePlacement> {
  const placed = new Map<string, FilePlacement>();
  const withReports: Array<{ file: AlignableFile; originNtp: number; gap: number }> = [];
  for (const file of files) {
    const firstPacketAt = file.firstPacketAt === null ? null : new Date(file.firstPacketAt).getTime();
    const originNtp = rtpOriginNtp(file, firstPacketAt);
    if (originNtp === null) {
      placed.set(file.id, firstPacketAt === null ? { startAt: null, by: "none" } : { startAt: firstPacketAt, by: "first_packet" });
      continue;
    }
    withReports.push({ file, originNtp, gap: Math.min(...file.sync.map((p) => p.receivedAt - p.ntpMs)) });
  }
  for (const { file, originNtp, gap } of withReports) {
    // The least delayed report of any file on the same node and clock.
    let best = gap;
    for (const other of withReports) if (other.file.node === file.node && Math.abs(other.gap - gap) <= SAME_CLOCK_MS) best = Math.min(best, other.gap);
    placed.set(file.id, { startAt: originNtp + best, by: "sender_reports" });
  }
  return placed;
}

/**
 * The NTP time (ms) of the file's first RTP timestamp. Each sender report pairs an NTP time with
 * the RTP time of the last packet the worker sent, extrapolated; a packet the worker (or the
 * sender's encoder, or the network) delayed makes the estimate late, never early, so the earliest
 * estimate is the best. Only the file's first minute counts: the sender's clock drifts from the
 * node's (tens of ppm), and the start is what is being placed. RTP timestamps wrap every 2³² ticks
 * (13 h at 90 kHz): each difference is unwrapped to the one nearest what the wall clock says elapsed.
 */
export function rtpOriginNtp(file: Pick<AlignableFile, "clockRate" | "firstRtpTimestamp" | "sync">, firstPacketAt: number | null): number | null {
  const { clockRate, firstRtpTimestamp, sync } = file;
  if (!clockRate || clockRate <= 0 || firstRtpTimestamp === null || sync.length === 0) return null;
  const firstReceived = Math.min(...sync.map((pair) => pair.receivedAt));
  const early = sync.filter((pair) => pair.receivedAt - firstReceived <= ORIGIN_WINDOW_MS);
  const estimates = early.map((pair) => {
    let ticks = (((pair.rtpTimestamp - firstRtpTimestamp) % RTP_WRAP) + RTP_WRAP) % RTP_WRAP;
    if (firstPacketAt !== null) {
      const expected = ((pair.receivedAt - firstPacketAt) * clockRate) / 1000;
      ticks += Math.round((expected - ticks) / RTP_WRAP) * RTP_WRAP;
    } else if (ticks > RTP_WRAP / 2) {
      ticks -= RTP_WRAP;
    }
    return pair.ntpMs - (ticks * 1000) / clockRate;
  });
  return Math.min(...estimates);
}

/** A Recording row as the alignment reads it. */
export function alignableFile(row: { id: string; node: string; firstPacketAt: Date | null; clockRate: number | null; firstRtpTimestamp: bigint | null; sync: unknown }): AlignableFile {
  return {
    id: row.id,
    node: row.node,
    firstPacketAt: row.firstPacketAt,
    clockRate: row.clockRate,
    firstRtpTimestamp: row.firstRtpTimestamp === null ? null : Number(row.firstRtpTimestamp),
    sync: Array.isArray(row.sync) ? (row.sync as SyncPair[]) : [],
  };
}
