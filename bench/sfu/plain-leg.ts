// THE ONE BYPASS of the platform setup. Our Room only makes WebRtcTransports (ICE + DTLS), which
// a synthetic client without a WebRTC stack cannot connect. So this stands in for the
// `createTransport` (+ `connectTransport`) requests: it makes a PlainTransport on the room's own
// router (a private field of Room) and registers it in the peer's transports exactly as
// Room.createTransport registers a WebRtcTransport (same appData: peerId, direction). From then on
// our code drives it unchanged: `produce` finds it by id, consume() finds the peer's "recv"
// transport, Peer.closeMedia() closes it when the peer leaves.
import type { types } from "mediasoup";
import type { Room } from "../../server/src/media/room.ts";

export async function attachPlainLeg(
  room: Room,
  peerId: string,
  direction: "send" | "recv",
  options: types.PlainTransportOptions,
  connect?: Parameters<types.PlainTransport["connect"]>[0],
): Promise<types.PlainTransport> {
  const router = (room as unknown as { router: types.Router }).router;
  const peer = room.findPeer(peerId);
  if (!peer) throw new Error(`peer ${peerId} has not joined ${room.id}`);
  const transport = await router.createPlainTransport({ ...options, appData: { peerId, direction } });
  if (connect) await transport.connect(connect);
  peer.transports.set(transport.id, transport as unknown as types.WebRtcTransport);
  return transport;
}
