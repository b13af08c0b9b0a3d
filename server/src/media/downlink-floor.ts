import type { types } from "mediasoup";

/**
 * The least the node assumes a viewer's downlink carries (bit/s): the base frame rate (temporal
 * layer 0) of the lowest simulcast layer, a 240-line stream of at most 150–250 kbit/s.
 *
 * mediasoup forwards the layers that fit its bandwidth estimate, and forwards no video at all when
 * the estimate falls below the lowest layer. On a lossy or bufferbloated downlink its estimate
 * can collapse far below what the link carries (measured: 40 kbit/s on a 195 kbit/s link, with
 * ten seconds and more of no video); and with no video flowing there is little left to probe
 * with, so it climbs back slowly. A viewer in a roll call or a visit would rather see the
 * person at a few frames a second than not at all, so the estimate is never let below this.
 */
export const DOWNLINK_FLOOR_BPS = 100_000;

/** Keeps `transport`'s outgoing bandwidth estimate at or above the floor. */
export async function applyDownlinkFloor(transport: types.WebRtcTransport): Promise<void> {
  await transport.setMinOutgoingBitrate(DOWNLINK_FLOOR_BPS);
}
