import type { types } from "mediasoup-client";

/** The label of the one data channel that exists only to connect a prepared transport. */
export const WARM_CHANNEL_LABEL = "warm";

/**
 * Issue 14: ICE + DTLS before the click. mediasoup-client connects a transport (its `connect`
 * event, then ICE and DTLS in the browser) only at the first produce or consume on it, and both
 * need the join. A prepared transport has SCTP (the node gives it `sctpParameters`), so a data
 * channel that never carries anything makes mediasoup-client connect it now:
 * - sending: `produceData` makes the channel and connects; its `producedata` is answered here,
 *   in the page (no DataProducer on the node: the node is never asked, nothing is ever sent);
 * - receiving: `consumeData` on a channel negotiated on stream 0, likewise only in the page.
 * The node sees only `connectTransport` for the connection's own prepared transport.
 *
 * Never throws: when warming fails (an older node without SCTP, a refused connect, a closed
 * transport) the transport is simply connected at its first produce or consume, as before.
 */
export async function warmTransport(transport: types.Transport): Promise<boolean> {
  if (transport.closed || transport.connectionState !== "new") return false;
  try {
    if (transport.direction === "send") {
      if (transport.listenerCount("producedata") === 0) {
        transport.on("producedata", ({ label }, done, fail) => {
          if (label === WARM_CHANNEL_LABEL) done({ id: `${WARM_CHANNEL_LABEL}-${transport.id}` });
          else fail(new Error("This call carries no data channels"));
        });
      }
      await transport.produceData({ label: WARM_CHANNEL_LABEL, ordered: true });
    } else {
      await transport.consumeData({
        id: `${WARM_CHANNEL_LABEL}-${transport.id}`,
        dataProducerId: WARM_CHANNEL_LABEL,
        sctpStreamParameters: { streamId: 0, ordered: true },
        label: WARM_CHANNEL_LABEL,
      });
    }
    return true;
  } catch {
    return false;
  }
}
