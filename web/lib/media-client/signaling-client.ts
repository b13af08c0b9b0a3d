import { io, type Socket } from "socket.io-client";
import type { Ack, AckError } from "../../../server/src/protocol/errors.ts";
import type { RequestName, RequestPayload, RequestResult } from "../../../server/src/protocol/requests.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../server/src/protocol/socket-types.ts";

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A refused request: `code` decides what the caller does (see server/src/protocol/errors.ts). */
export class SignalingError extends Error {
  constructor(
    readonly code: AckError["code"] | "timeout",
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * socket.io to one media node, with the join token in the handshake and automatic reconnection
 * with exponential backoff (0.5 s doubling to 1 s, jittered: a restarted media node is back
 * within seconds, and every page should be in its call again within 10 s of it; issue 12). A
 * page waits on average half the cap after the node is back; an attempt at a node that is down
 * is one refused connection, cheap for both sides even with hundreds of pages.
 * socket.io asks for `auth` once the transport is open, so a token still on its way costs no
 * extra round trip; it asks again on every reconnection, so `token()` can hand over a fresher one.
 */
export function connectSignaling(mediaUrl: string, token: () => string | Promise<string>): SignalingSocket {
  return io(mediaUrl, {
    auth: (send) => {
      Promise.resolve(token()).then(
        (value) => send({ token: value }),
        () => undefined,
      );
    },
    transports: ["websocket"],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 1000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  });
}

export async function request<K extends RequestName>(
  socket: SignalingSocket,
  name: K,
  payload: RequestPayload<K>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<RequestResult<K>> {
  let response: Ack<RequestResult<K>>;
  try {
    response = await (socket.timeout(timeoutMs) as unknown as {
      emitWithAck(name: string, payload: unknown): Promise<Ack<RequestResult<K>>>;
    }).emitWithAck(name, payload);
  } catch {
    throw new SignalingError("timeout", `${name}: no answer from the media node`);
  }
  if (!response.ok) throw new SignalingError(response.error.code, response.error.message);
  return response.data;
}
