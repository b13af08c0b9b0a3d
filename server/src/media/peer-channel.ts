import type { EventName, EventPayload } from "../protocol/events.ts";

type Notification = Exclude<EventName, "newConsumer">;

/** How a room talks to one peer's client, whatever carries it (a socket.io socket in practice). */
export interface PeerChannel {
  notify<K extends Exclude<EventName, "newConsumer">>(event: K, payload: EventPayload<K>): void;
  /** Resolves once the client has set up the consumer on its side. */
  offerConsumer(payload: EventPayload<"newConsumer">): Promise<void>;
  /** Ends the connection (after a removal or a room close). */
  disconnect(): void;
  /**
   * Sends one event to many channels of the same kind at once (channels with the same `fanout`):
   * a socket.io namespace encodes the packet once for all of them instead of once per peer.
   */
  readonly fanout?: (channels: PeerChannel[], event: Notification, payload: EventPayload<Notification>) => void;
}

/** One event to every channel in `channels`, through their shared fanout where they have one. */
export function notifyEach<K extends Notification>(channels: PeerChannel[], event: K, payload: EventPayload<K>): void {
  const fanout = channels[0]?.fanout;
  if (fanout && channels.every((channel) => channel.fanout === fanout)) return fanout(channels, event, payload);
  for (const channel of channels) channel.notify(event, payload);
}
