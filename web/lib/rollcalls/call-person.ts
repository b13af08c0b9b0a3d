import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { spotlightOnMediaNode } from "../rooms/media-node-client.ts";
import { assertStillLive } from "./assert-still-live.ts";
import { findLiveEntry } from "./find-live-entry.ts";
import { pickChallenge } from "./liveness-challenge.ts";

/**
 * "Call next" / a click on a name: the person is spotlighted for everyone and, when liveness is on,
 * gets a fresh challenge on their screen only. The officer is told the expected answer.
 */
export async function callPerson(actor: Actor, rollCallId: string, entryId: string) {
  const { rollCall, entry } = await findLiveEntry(actor, rollCallId, entryId);
  const challenge = rollCall.livenessEnabled ? pickChallenge() : undefined;
  const calledAt = new Date();
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await assertStillLive(tx, rollCallId);
    await tx.rollCallEntry.update({
      where: { id: entry.id },
      data: {
        calledAt,
        challengeKind: challenge?.kind ?? null,
        challengeValue: challenge?.value ?? null,
        challengeIssuedAt: challenge ? calledAt : null,
        challengeResult: null,
        answeredAt: null,
      },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.call",
      targetType: "RollCallEntry",
      targetId: entry.id,
      unitPath: rollCall.unit.path,
      data: { rollCallId, personId: entry.personId, challenge: challenge ?? null },
    });
  });
  const delivered = await spotlightOnMediaNode(rollCall.roomId, { peerId: `person:${entry.personId}`, name: entry.person.name, challenge });
  return { entryId: entry.id, calledAt: calledAt.toISOString(), challenge: challenge ?? null, delivered };
}
