import { getDb } from "../db/client.ts";
import { findPlanByToken } from "./find-plan-by-token.ts";
import { nextWindowAfter, openWindowAt } from "./windows.ts";

/** What the person's check-in page shows: their windows, whether one is open, whether their phone is bound. */
export async function openCheckInLink(token: string) {
  const plan = await findPlanByToken(token);
  const now = new Date();
  const open = openWindowAt(plan.windows, now);
  const db = await getDb();
  const [phones, done] = await Promise.all([
    db.phoneCredential.count({ where: { personId: plan.personId, revokedAt: null } }),
    open ? db.selfCheckIn.findUnique({ where: { personId_windowKey: { personId: plan.personId, windowKey: open.key } }, select: { status: true, at: true, decision: true } }) : null,
  ]);
  return {
    // The person sees their own surname only: a link shown over someone's shoulder says little.
    greeting: `${plan.person.name.slice(0, 1)}**`,
    unitName: plan.person.unit.name,
    windows: plan.windows,
    openWindow: open ? { key: open.key, endsAt: open.endsAt.toISOString() } : null,
    nextWindowAt: open ? null : nextWindowAfter(plan.windows, now)?.toISOString() ?? null,
    phoneBound: phones > 0,
    bindingOpen: plan.bindingOpenUntil !== null && plan.bindingOpenUntil > now,
    // The officer's decision on a pending check-in reaches the person's page (not the officer's note).
    checkedIn: done ? { status: done.status as "checked_in" | "pending", at: done.at.toISOString(), decision: done.decision as "approved" | "rejected" | null } : null,
  };
}
