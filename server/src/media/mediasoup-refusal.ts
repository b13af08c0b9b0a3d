import { types } from "mediasoup";
import { MediaError } from "../errors.ts";

/**
 * mediasoup (and its worker) refuse a client's mistakes with plain errors. Those mistakes must
 * reach the client as typed refusals, not as `internal` with a stack trace in our logs. The
 * worker's errors carry only a message, so they are recognised by it; anything unrecognised
 * stays ours (undefined → `internal`).
 */
export function mediasoupRefusal(error: unknown): MediaError | undefined {
  if (error instanceof MediaError) return error;
  if (error instanceof types.UnsupportedError) return new MediaError("unsupported_media", `Not supported by this room: ${error.message}`);
  // The object was closed while the request was on its way (left, rejoined, room closed).
  if (error instanceof types.InvalidStateError) return new MediaError("invalid_state", "That media object is closed");
  if (!(error instanceof Error)) return undefined;
  const { message } = error;
  if (error instanceof TypeError) return new MediaError("invalid_message", message.slice(0, 200));
  if (/already exists in RTP listener/.test(message)) return new MediaError("invalid_media", `RTP parameters in use: ${message.replace(/ \[method:.*$/, "")}`);
  if (/connect\(\) already called/.test(message)) return new MediaError("invalid_state", "The transport is already connected");
  if (/no more available ports|port bind failed/.test(message)) return new MediaError("node_busy", "The media node has no free ports: try again later");
  if (/^(Transport|Producer|Consumer|RtpObserver) not found/.test(message)) return new MediaError("invalid_state", "That media object is closed");
  // The worker closed it (with its transport, when the same identity rejoined on another socket)
  // between our lookup and the worker's answer: seen in bench/join at load 18.
  if (/^Channel request handler with ID \S+ not found/.test(message)) return new MediaError("invalid_state", "That media object is closed");
  if (/cannot allocate more dynamic codec payload types/.test(message)) return new MediaError("unsupported_media", "Too many codecs");
  return undefined;
}
