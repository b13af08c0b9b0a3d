import type { Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../protocol/socket-types.ts";
import type { PeerChannel } from "./peer-channel.ts";

export type MediaSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const OFFER_TIMEOUT_MS = 10_000;

/** A PeerChannel over one socket.io connection. */
export function socketChannel(socket: MediaSocket): PeerChannel {
  return {
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
}
