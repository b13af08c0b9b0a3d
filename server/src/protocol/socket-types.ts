import type { Ack } from "./errors.ts";
import type { EventName, EventPayload } from "./events.ts";
import type { RequestName, RequestPayload, RequestResult } from "./requests.ts";

/** socket.io's typed event maps, derived from the schemas so the two cannot drift. */
export type ClientToServerEvents = {
  [K in RequestName]: (payload: RequestPayload<K>, ack: (response: Ack<RequestResult<K>>) => void) => void;
};

export type ServerToClientEvents = {
  [K in EventName]: K extends "newConsumer"
    ? (payload: EventPayload<K>, ack: (response: Ack<Record<string, never>>) => void) => void
    : (payload: EventPayload<K>) => void;
};
