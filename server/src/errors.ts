import type { ErrorCode } from "./protocol/errors.ts";

/** A refusal the client is told about; the code is the wire code (protocol/errors.ts). */
export class MediaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new MediaError("not_found", `${what} not found`);
export const forbidden = (message: string) => new MediaError("forbidden", message);
export const invalidState = (message: string) => new MediaError("invalid_state", message);
