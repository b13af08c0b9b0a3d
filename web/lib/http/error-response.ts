import { NextResponse } from "next/server";
import { databaseRefusal } from "../db/database-refusal.ts";
import { AppError, BusyError, RateLimitedError } from "../errors.ts";

/** The one mapping from errors to HTTP: `{ error: { code, message, fields? } }`. */
export function errorResponse(thrown: unknown, context: string): NextResponse {
  const error = thrown instanceof AppError ? thrown : (databaseRefusal(thrown) ?? thrown);
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error instanceof RateLimitedError || error instanceof BusyError) headers["Retry-After"] = String(error.retryAfterSeconds);
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
      { status: error.status, headers },
    );
  }
  console.error(JSON.stringify({ level: "error", msg: "unhandled API error", context, error: String((error as Error)?.stack ?? error) }));
  return NextResponse.json({ error: { code: "internal", message: "Internal error; the request was not completed" } }, { status: 500 });
}
