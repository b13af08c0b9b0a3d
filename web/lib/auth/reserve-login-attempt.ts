import { getDb } from "../db/client.ts";
import { RateLimitedError } from "../errors.ts";

// Two-key advisory locks live apart from the audit chain's one-key lock.
const LOGIN_LOCK_CLASS = 4_242_002;

/**
 * Books one of the window's attempts for this account and address before the password is checked,
 * or refuses with 429. Counting and booking happen under one lock per key, so 100 requests at once
 * book 5 slots between them, not 5 each. A failed attempt keeps its booking (it is the failure
 * row); a successful sign-in clears the key's rows.
 */
export async function reserveLoginAttempt(key: string, limits: { maxFailures: number; windowMs: number }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}::int, hashtext(${key}))`;
    const windowStart = new Date(Date.now() - limits.windowMs);
    const failures = await tx.loginFailure.findMany({ where: { key, at: { gt: windowStart } }, orderBy: { at: "asc" }, select: { at: true } });
    if (failures.length >= limits.maxFailures) {
      const retryAt = failures[failures.length - limits.maxFailures]!.at.getTime() + limits.windowMs;
      throw new RateLimitedError("Too many failed logins; wait and try again", Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)));
    }
    await tx.loginFailure.create({ data: { key } });
  });
}
