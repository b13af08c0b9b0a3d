import { config } from "../config.ts";
import type { Tx } from "../db/transaction.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import type { CheckInWindow } from "./windows.ts";
import { isCheckInTokenValid, personIdOfCheckInToken } from "./checkin-link.ts";

/** The plan behind a standing check-in link, or 404 (forged, revoked, or the person's plan removed). */
export async function findPlanByToken(token: string, tx?: Tx) {
  const db = tx ?? (await getDb());
  const plan = await db.checkInPlan.findUnique({
    where: { personId: personIdOfCheckInToken(token) },
    include: { person: { select: { id: true, name: true, status: true, unit: { select: { name: true, path: true } } } } },
  });
  if (!plan || !isCheckInTokenValid(config().appSecret, token, plan.linkVersion)) throw new NotFoundError("This check-in link is not valid");
  return { ...plan, windows: plan.windows as unknown as CheckInWindow[] };
}
