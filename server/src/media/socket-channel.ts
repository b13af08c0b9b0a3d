import type { Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../protocol/socket-types.ts";
import type { PeerChannel } from "./peer-channel.ts";

export type MediaSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const OFFER_TIMEOUT_MS = 10_000;

const socketIds = new WeakMap<PeerChannel, string>();
const fanouts = new WeakMap<MediaSocket["nsp"], NonNullable<PeerChannel["fanout"]>>();

/**
 * Presence events go to every peer of a room: in a join/leave storm of 200 peers, encoding each
 * one per recipient was most of the node's time (bench/signaling-flood). socket.io's broadcast
 * to a list of socket ids encodes the packet once and writes the same frame to each.
 */
function fanoutOf(namespace: MediaSocket["nsp"]): NonNullable<PeerChannel["fanout"]> {
  let fanout = fanouts.get(namespace);
  if (!fanout) {
    fanout = (channels, event, payload) => {
      const ids = channels.map((channel) => socketIds.get(channel)).filter((id): id is string => id !== undefined);
      if (ids.length > 0) (namespace.to(ids).emit as (event: string, payload: unknown) => boolean)(event, payload);
    };
    fanouts.set(namespace, fanout);
  }
  return fanout;
}

/** A PeerChannel over one socket.io connection. */
export function socketChannel(socket: MediaSocket): PeerChannel {
  const channel: PeerChannel = {
    fanout: fanoutOf(socket.nsp),
    notify(event, payload) {
      (socket.emit as (event: string, payload: unknown) => boolean)(event, payload);
    },
    async offerConsumer(payload) {
      const response = await socket.timeout(OFFER_TIMEOUT_MS).emitWithAck("newConsumer", payload);
      if (!response.ok) throw new Error(`client refused the consumer: ${response.error.message}`);
    },
    disconnect() {
      // Let the last notification leave before the socket closes.
      setTimeout(() => socket.disconnect(true), 50);
    },
  };
  socketIds.set(channel, socket.id);
  return channel;
}
