import type { AppError } from "../errors.ts";

/**
 * A duplicate check inside a transaction does not stop a concurrent one from passing the same
 * check; the unique index does. Its violation (Prisma's P2002, or PostgreSQL's 23505 when it comes
 * through raw) is the same refusal as the check's, so callers map it to that typed error.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code === "P2002" || code === "23505";
}

/** Prisma's `P…` code or PostgreSQL's SQLSTATE, when the error carries one. */
export function databaseErrorCode(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** For `.catch(...)` on the transaction: a unique violation becomes `conflict()`, anything else passes. */
export function duplicateAs(conflict: () => AppError) {
  return (error: unknown): never => {
    throw isUniqueViolation(error) ? conflict() : error;
  };
}
