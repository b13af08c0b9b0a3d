import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";
import { checkInLinkToken } from "./checkin-link.ts";

/**
 * A new standing link (the old QR code leaked or was lost): bumping the plan's link version makes
 * every earlier link 404 at once. Bound phones stay bound (the phone, not the link, is the
 * credential that checks in); phone binding is closed so a leaked old link cannot be used to
 * bind in the remaining minutes.
 */
export async function reissueCheckInLink(actor: Actor, personId: string) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "reissue a check-in link");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const exists = await tx.checkInPlan.findUnique({ where: { personId: person.id }, select: { personId: true } });
    if (!exists) throw new ConflictError("Set the check-in windows first: they create the link");
    const plan = await tx.checkInPlan.update({ where: { personId: person.id }, data: { linkVersion: { increment: 1 }, bindingOpenUntil: null, updatedById: actor.userId } });
    await appendAuditEvent(tx, auditActor(actor), { action: "checkin.link_reissued", targetType: "SupervisedPerson", targetId: person.id, unitPath: person.unit.path, data: { linkVersion: plan.linkVersion } });
    return { link: `/c/${checkInLinkToken(config().appSecret, person.id, plan.linkVersion)}` };
  });
}
