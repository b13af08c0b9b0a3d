import { describe, expect, it } from "vitest";
import { alignFiles, rtpOriginNtp, type AlignableFile } from "./track-alignment.ts";

// The arithmetic of lining files up; server/test/recording-alignment.test.ts checks it on real
// files recorded by a real worker, against what the pictures show.

const T0 = Date.parse("2026-12-01T10:00:00.000Z");
/** NTP clock = wall clock − 1 000 000 s (mediasoup's monotonic clock is not the wall clock). */
const NTP = (wall: number) => wall - 1_000_000_000;

function file(id: string, startWall: number, firstRtp: number, extra: Partial<AlignableFile> = {}, delays: number[] = [30, 5, 12]): AlignableFile {
  // One report a second after the start, each arriving `delay` ms after it was made.
  const sync = delays.map((delay, i) => {
    const wall = startWall + 1000 * (i + 1);
    return { ntpMs: NTP(wall), rtpTimestamp: (firstRtp + 90 * 1000 * (i + 1)) % 2 ** 32, receivedAt: wall + delay };
  });
  return { id, node: "n1", firstPacketAt: new Date(startWall + 150).toISOString(), clockRate: 90000, firstRtpTimestamp: firstRtp, sync, ...extra };
}

describe("alignFiles", () => {
  it("places each file by its sender reports, on the wall clock of the least delayed report", () => {
    const placed = alignFiles([file("a", T0, 1000), file("b", T0 + 4321, 77_000_000, {}, [40, 9])]);
    // The least delayed report of the node (5 ms) puts its NTP clock on the wall clock.
    expect(placed.get("a")).toEqual({ startAt: T0 + 5, by: "sender_reports" });
    expect(placed.get("b")).toEqual({ startAt: T0 + 4321 + 5, by: "sender_reports" });
  });

  it("unwraps RTP timestamps that pass 2³² within the file", () => {
    const first = 2 ** 32 - 45_000; // wraps half a second in
    expect(rtpOriginNtp(file("w", T0, first), T0 + 150)).toBeCloseTo(NTP(T0), 6);
    // With no first-packet time: the nearer unwrapping.
    expect(rtpOriginNtp(file("w", T0, first), null)).toBeCloseTo(NTP(T0), 6);
  });

  it("keeps the first packet's time for a file without reports or RTP origin, and nothing for one without packets", () => {
    const placed = alignFiles([
      file("old", T0, 5, { clockRate: null }),
      file("short", T0, 5, { sync: [] }),
      file("empty", T0, 5, { firstPacketAt: null, firstRtpTimestamp: null, sync: [] }),
    ]);
    expect(placed.get("old")).toEqual({ startAt: T0 + 150, by: "first_packet" });
    expect(placed.get("short")).toEqual({ startAt: T0 + 150, by: "first_packet" });
    expect(placed.get("empty")).toEqual({ startAt: null, by: "none" });
  });

  it("does not share the NTP→wall mapping across nodes or across a restart of the machine's clock", () => {
    const other = file("c", T0, 9, { node: "n2" }, [80]);
    const rebooted = file("d", T0, 9, {}, [400]);
    rebooted.sync = rebooted.sync.map((p) => ({ ...p, ntpMs: p.ntpMs - 3_600_000, receivedAt: p.receivedAt }));
    const placed = alignFiles([file("a", T0, 1000), other, rebooted]);
    expect(placed.get("c")!.startAt).toBe(T0 + 80);
    expect(placed.get("d")!.startAt).toBe(T0 + 400);
    expect(placed.get("a")!.startAt).toBe(T0 + 5);
  });
});
