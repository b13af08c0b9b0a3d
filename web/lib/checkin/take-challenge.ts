import type { Tx } from "../db/transaction.ts";
import { ForbiddenError } from "../errors.ts";

/**
 * Uses a WebAuthn challenge once: the conditional update is the guard, so a replayed assertion
 * (or the same one sent twice at once) finds it used and is refused.
 */
export async function takeChallenge(tx: Tx, personId: string, purpose: "register" | "checkin", challenge: string) {
  const now = new Date();
  const taken = await tx.webAuthnChallenge.updateManyAndReturn({
    where: { personId, purpose, challenge, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (taken.length !== 1) throw new ForbiddenError("This request has expired or was already used: start again", { challenge: "used_or_expired" });
  return taken[0]!;
}
