import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { getPersonOrThrow } from "../persons/get-person-or-throw.ts";

/**
 * Every roll call a person was on that the viewer may open, newest first, with the mark and the
 * challenge verdict. A roll call held by a unit above the viewer (a city-wide one) is left out:
 * its title is not the viewer's to read and its link would only answer 404.
 */
export async function personAttendance(actor: Actor, personId: string) {
  await getPersonOrThrow(actor, personId);
  const db = await getDb();
  const entries = await db.rollCallEntry.findMany({
    where: { personId, rollCall: { state: { not: "cancelled" }, unit: subtreeFilter(actor) } },
    include: { rollCall: { select: { id: true, title: true, startsAt: true, state: true } } },
    orderBy: { rollCall: { startsAt: "desc" } },
    take: 500,
  });
  return {
    items: entries.map((e) => ({
      rollCallId: e.rollCall.id,
      title: e.rollCall.title,
      startsAt: e.rollCall.startsAt.toISOString(),
      rollCallState: e.rollCall.state,
      status: e.status,
      joinedAt: e.joinedAt?.toISOString() ?? null,
      challengeResult: e.challengeResult,
    })),
  };
}
