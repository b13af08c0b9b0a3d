/**
 * Every failure the portal reports is one of these. The class decides the wire code and the
 * HTTP status, in one place (http/error-response.ts); `fields` carries per-field error keys that
 * the UI translates (messages/*.json, "fieldErrors.<key>").
 */
export type FieldErrors = Record<string, string>;

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  readonly fields: FieldErrors | undefined;

  constructor(message: string, fields?: FieldErrors) {
    super(message);
    this.fields = fields;
  }
}

export class ValidationError extends AppError {
  readonly code = "invalid_input";
  readonly status = 400;
}

export class InvalidJsonError extends AppError {
  readonly code = "invalid_json";
  readonly status = 400;
}

export class UnauthenticatedError extends AppError {
  readonly code = "unauthenticated";
  readonly status = 401;
}

export class InvalidCredentialsError extends AppError {
  readonly code = "invalid_credentials";
  readonly status = 401;
  constructor() {
    // One message whether the user is unknown, inactive or the password is wrong.
    super("Wrong username or password");
  }
}

export class CsrfError extends AppError {
  readonly code = "csrf_failed";
  readonly status = 403;
}

export class ForbiddenError extends AppError {
  readonly code = "forbidden";
  readonly status = 403;
}

export class NotFoundError extends AppError {
  readonly code = "not_found";
  readonly status = 404;
}

export class ConflictError extends AppError {
  readonly code = "conflict";
  readonly status = 409;
}

export class PayloadTooLargeError extends AppError {
  readonly code = "payload_too_large";
  readonly status = 413;
}

export class UnsupportedMediaTypeError extends AppError {
  readonly code = "unsupported_media_type";
  readonly status = 415;
}

export class RateLimitedError extends AppError {
  readonly code = "rate_limited";
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The database could not take the request now (a queue past its wait, a deadlock victim): retry. */
export class BusyError extends AppError {
  readonly code = "busy";
  readonly status = 503;
  readonly retryAfterSeconds = 2;
}
