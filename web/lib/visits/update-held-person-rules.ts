import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { assertFacilityDecider } from "./visit-access.ts";
import { lockHeldPerson } from "./visit-limits.ts";

export interface HeldPersonRules {
  visitsPerMonth?: number | undefined;
  visitorsPerVisit?: number | undefined;
  homeVisitsAllowed?: boolean | undefined;
}

/** The facility sets a held person's visit rules; under the row lock that applications and bookings take. */
export async function updateHeldPersonRules(actor: Actor, heldPersonId: string, rules: HeldPersonRules) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const found = await tx.heldPerson.findFirst({ where: { id: heldPersonId, facility: { path: { startsWith: actor.unitPath } } }, select: { facilityId: true } });
    if (!found) throw new NotFoundError("No such held person");
    const facility = await assertFacilityDecider(tx, actor, found.facilityId);
    const before = await lockHeldPerson(tx, heldPersonId);
    const after = await tx.heldPerson.update({ where: { id: heldPersonId }, data: rules });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "held_person.rules",
      targetType: "HeldPerson",
      targetId: heldPersonId,
      unitPath: facility.path,
      data: {
        before: { visitsPerMonth: before.visitsPerMonth, visitorsPerVisit: before.visitorsPerVisit, homeVisitsAllowed: before.homeVisitsAllowed },
        after: { visitsPerMonth: after.visitsPerMonth, visitorsPerVisit: after.visitorsPerVisit, homeVisitsAllowed: after.homeVisitsAllowed },
      },
    });
    return { id: after.id, visitsPerMonth: after.visitsPerMonth, visitorsPerVisit: after.visitorsPerVisit, homeVisitsAllowed: after.homeVisitsAllowed };
  });
}
