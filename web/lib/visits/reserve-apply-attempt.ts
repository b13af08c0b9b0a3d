import type { Tx } from "../db/transaction.ts";
import { RateLimitedError } from "../errors.ts";

// Two-key advisory locks, a class apart from the login limiter's and the audit chain's.
const APPLY_LOCK_CLASS = 4_242_009;

/**
 * Books one attempt for this key in the window, or refuses with 429. Counting and booking happen
 * under one lock per key, so 100 requests at once book `max` attempts between them, not `max` each.
 * Call inside its own transaction: the attempt stays booked whatever the application's outcome.
 */
export async function reserveApplyAttempt(tx: Tx, key: string, limits: { max: number; windowMs: number }): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${APPLY_LOCK_CLASS}::int, hashtext(${key}))`;
  const windowStart = new Date(Date.now() - limits.windowMs);
  const attempts = await tx.visitApplyAttempt.findMany({ where: { key, at: { gt: windowStart } }, orderBy: { at: "asc" }, select: { at: true } });
  if (attempts.length >= limits.max) {
    const retryAt = attempts[attempts.length - limits.max]!.at.getTime() + limits.windowMs;
    throw new RateLimitedError("Too many applications; wait and try again", Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)));
  }
  await tx.visitApplyAttempt.create({ data: { key } });
}
