import type { EventName, EventPayload } from "../protocol/events.ts";

/** How a room talks to one peer's client, whatever carries it (a socket.io socket in practice). */
export interface PeerChannel {
  notify<K extends Exclude<EventName, "newConsumer">>(event: K, payload: EventPayload<K>): void;
  /** Resolves once the client has set up the consumer on its side. */
  offerConsumer(payload: EventPayload<"newConsumer">): Promise<void>;
  /** Ends the connection (after a removal or a room close). */
  disconnect(): void;
}
