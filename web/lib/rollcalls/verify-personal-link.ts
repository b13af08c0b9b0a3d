import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { lockRollCallEntry } from "../db/lock-row.ts";
import type { Tx } from "../db/transaction.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { safeEqual } from "../auth/session-token.ts";
import { grantFor } from "../rooms/issue-join-grant.ts";
import { entryIdOfToken, isPersonalLinkTokenValid, verificationTicket } from "./personal-link.ts";

export const MAX_CODE_ATTEMPTS = 5;

/** What the link page may show before verification: never the person's data. */
export async function openPersonalLink(token: string) {
  const entry = await usableEntry(token);
  return {
    rollCall: {
      title: entry.rollCall.title,
      startsAt: entry.rollCall.startsAt.toISOString(),
      endsAt: entry.rollCall.endsAt.toISOString(),
      unitName: entry.rollCall.unit.name,
      /** "live" once the officer has opened the call: until then the page waits. */
      state: entry.rollCall.state,
    },
    verified: entry.verifiedAt !== null,
    attemptsLeft: MAX_CODE_ATTEMPTS - entry.failedAttempts,
  };
}

/**
 * The person proves the link is theirs with the last 4 characters of their ID number. Five
 * wrong codes lock the link until an officer reissues it; every attempt is audited.
 */
export async function verifyPersonalLink(token: string, idLast4: string) {
  await usableEntry(token);
  const db = await getDb();
  const verifiedAt = new Date();
  const outcome = await db.$transaction(async (tx) => {
    // The count of wrong codes is read under the entry's lock: 100 attempts at once are tried
    // one after the other, so the 6th finds the link locked instead of a stale "0 tries so far".
    await lockRollCallEntry(tx, entryIdOfToken(token));
    const entry = await usableEntry(token, tx);
    const correct = entry.person.idLast4 === idLast4.toUpperCase();
    const failedAttempts = correct ? entry.failedAttempts : entry.failedAttempts + 1;
    const locked = !correct && failedAttempts >= MAX_CODE_ATTEMPTS;
    await tx.rollCallEntry.update({
      where: { id: entry.id },
      data: correct ? { verifiedAt } : { failedAttempts, ...(locked ? { lockedAt: new Date() } : {}) },
    });
    await appendAuditEvent(tx, { userId: null, displayName: `link of ${entry.person.name}` }, {
      action: correct ? "rollcall.link_verified" : locked ? "rollcall.link_locked" : "rollcall.link_wrong_code",
      targetType: "RollCallEntry",
      targetId: entry.id,
      unitPath: entry.rollCall.unit.path,
      data: { rollCallId: entry.rollCallId, failedAttempts },
    });
    return { entry, correct, locked, failedAttempts };
  });
  if (outcome.locked) throw lockedError();
  if (!outcome.correct) throw new ValidationError(`Wrong code; ${MAX_CODE_ATTEMPTS - outcome.failedAttempts} tries left`, { idLast4: "wrong_code" });
  return { verified: true as const, ticket: verificationTicket(config().appSecret, outcome.entry.id, outcome.entry.linkVersion, verifiedAt) };
}

/** A verified person joins the live call: a participant token for that room, until the window ends. */
export async function joinRollCallByLink(token: string, ticket: string) {
  const entry = await verifiedEntry(token, ticket);
  const { rollCall } = entry;
  if (rollCall.state !== "live" || !rollCall.roomId) throw new ConflictError("The officer has not opened the call yet; please wait", { state: "waiting" });
  return personGrant(entry, rollCall.roomId);
}

/** The usable entry whose verification `ticket` this browser holds (403 otherwise). */
export async function verifiedEntry(token: string, ticket: string) {
  const entry = await usableEntry(token);
  const expected = entry.verifiedAt ? verificationTicket(config().appSecret, entry.id, entry.linkVersion, entry.verifiedAt) : "";
  if (!expected || !safeEqual(ticket, expected)) throw new ForbiddenError("Enter the last 4 characters of your ID number first");
  return entry;
}

type VerifiedEntry = Awaited<ReturnType<typeof verifiedEntry>>;

/**
 * The person's token for the roll call's room. `prepare`: until the call opens (issue 14), one
 * that only makes and connects transports, for a short while (the media node refuses its join).
 */
export function personGrant(entry: VerifiedEntry, roomId: string, prepare?: { notAfter: Date }) {
  const { rollCall } = entry;
  return grantFor(
    { id: roomId, title: rollCall.title, kind: "rollcall", state: "open", requiresAdmission: false, unit: rollCall.unit },
    {
      identity: `person:${entry.personId}`,
      name: entry.person.name,
      role: "participant",
      moderator: false,
      observer: false,
      lobby: false,
      notAfter: prepare?.notAfter ?? rollCall.endsAt,
      ...(prepare ? { prepareOnly: true } : {}),
    },
  );
}

async function usableEntry(token: string, tx?: Tx) {
  const db = tx ?? (await getDb());
  const entry = await db.rollCallEntry.findUnique({
    where: { id: entryIdOfToken(token) },
    include: { person: { select: { name: true, idLast4: true } }, rollCall: { include: { unit: { select: { name: true, path: true } } } } },
  });
  if (!entry || !isPersonalLinkTokenValid(config().appSecret, token, entry.linkVersion)) throw new NotFoundError("This link is not valid");
  // `fields.link` tells the link page which of these it is, so it can say what to do next.
  // A cancelled roll call also revokes its links: say the more useful of the two.
  if (entry.rollCall.state === "cancelled") throw new ConflictError("This roll call has been cancelled; the link no longer works", { link: "cancelled" });
  if (entry.linkRevokedAt) throw new ConflictError("This link has been withdrawn. Ask your officer for a new link", { link: "revoked" });
  if (entry.rollCall.state === "ended") throw new ConflictError("This roll call is over; the link has expired", { link: "ended" });
  if (entry.linkExpiresAt <= new Date()) throw new ConflictError("This roll call is over; the link has expired", { link: "expired" });
  if (entry.lockedAt) throw lockedError();
  return entry;
}

function lockedError() {
  return new ForbiddenError("Too many wrong codes: this link is locked. Ask your officer for a new link", { link: "locked" });
}
