import { BusyError, ConflictError, type AppError } from "../errors.ts";
import { databaseErrorCode, isUniqueViolation } from "./unique-violation.ts";

// Prisma's "unable to start a transaction in the given time" and "write conflict or deadlock",
// and PostgreSQL's own deadlock and serialization failures when they come through raw.
const TRANSIENT_CODES = new Set(["P2028", "P2034", "40P01", "40001"]);

/**
 * The safety net behind every route: a database refusal that a domain function did not map
 * itself is still the client's answer, not a 500. A burst that outlasts the transaction wait is
 * "busy, retry", and a unique index that stopped a concurrent duplicate is a conflict.
 */
export function databaseRefusal(error: unknown): AppError | null {
  const code = databaseErrorCode(error);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return new BusyError("The database is busy; try again in a moment");
  if (isUniqueViolation(error)) return new ConflictError("This already exists (created at the same moment by another request)");
  return null;
}
