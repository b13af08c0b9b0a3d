import { describe, expect, it } from "vitest";
import { runLossyPipe } from "./support/lossy-pipe.ts";

// Issue 11: with 5 % loss on a link between nodes, far viewers must still get the stream; media
// crosses a link over PipeTransports, which recover loss only if RTX works across them
// (mediasoup issue 906). Real workers, a relay in this process dropping 5 % of the RTP.
describe("RTX over a lossy PipeTransport link", () => {
  it("recovers what the link dropped when the pipe has RTX, and not without", { timeout: 90_000 }, async () => {
    if (!process.env.MEDIASOUP_WORKER_BIN) throw new Error("MEDIASOUP_WORKER_BIN is not set: run the tests through `npm test`");
    // mediasoup reads MEDIASOUP_WORKER_BIN when its module loads, hence the check before importing.
    const mediasoup = await import("mediasoup");
    const ports = { rtcMinPort: 39000, rtcMaxPort: 39199 };
    const withoutRtx = await runLossyPipe(mediasoup, { loss: 0.05, seconds: 10, rtx: false, ...ports });
    const withRtx = await runLossyPipe(mediasoup, { loss: 0.05, seconds: 10, rtx: true, ...ports });

    // The relay really dropped packets, and without RTX they stay lost.
    expect(withoutRtx.dropped).toBeGreaterThan(0);
    expect(withoutRtx.deliveredPct).toBeLessThan(99);
    // With RTX: router B asked for them (NACK), router A resent them (RTX), nearly all arrived.
    expect(withRtx.dropped).toBeGreaterThan(0);
    expect(withRtx.nackPackets).toBeGreaterThan(0);
    expect(withRtx.rtxPackets).toBeGreaterThan(0);
    expect(withRtx.deliveredPct).toBeGreaterThanOrEqual(99.5);
  });
});
