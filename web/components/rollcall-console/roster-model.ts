import type { Mark, RosterEntry } from "./console-api";

export type DisplayStatus = RosterEntry["status"];

/**
 * The media node knows a roll-call participant by the join token's subject, which the portal
 * sets to `person:<person id>` when it redeems the personal link (verify-personal-link.ts); the
 * roster knows the same person id. This is the one place that ties a peer to a roster entry.
 */
export const peerIdOfPerson = (personId: string) => `person:${personId}`;

export function entryOfPeer(entries: readonly RosterEntry[], peerId: string): RosterEntry | undefined {
  return entries.find((entry) => peerIdOfPerson(entry.personId) === peerId);
}

/** The person being called now: the latest call; a reload finds the same person from the API. */
export function currentlyCalled(entries: readonly RosterEntry[]): RosterEntry | null {
  let latest: RosterEntry | null = null;
  for (const entry of entries) {
    if (entry.calledAt && (!latest || entry.calledAt > latest.calledAt!)) latest = entry;
  }
  return latest;
}

/**
 * "Call next": someone not called yet and not settled (unmarked, or 迟到 only by the clock),
 * people already in the room before those who are not, roster order otherwise.
 */
export function nextToCall(entries: readonly RosterEntry[], statusOf: (entry: RosterEntry) => DisplayStatus, inRoom: ReadonlySet<string>): RosterEntry | null {
  const waiting = entries.filter((entry) => !entry.calledAt && ["pending", "late"].includes(statusOf(entry)));
  return waiting.find((entry) => inRoom.has(peerIdOfPerson(entry.personId))) ?? waiting[0] ?? null;
}

export const STATUS_ORDER = ["present", "late", "excused", "absent", "unverified", "pending"] as const satisfies readonly DisplayStatus[];

export function countStatuses(entries: readonly RosterEntry[], statusOf: (entry: RosterEntry) => DisplayStatus): Record<DisplayStatus, number> {
  const counts: Record<DisplayStatus, number> = { pending: 0, present: 0, late: 0, excused: 0, absent: 0, unverified: 0 };
  for (const entry of entries) counts[statusOf(entry)] += 1;
  return counts;
}

/** The marks in the order of the keys 1–4. */
export const MARKS = ["present", "late", "excused", "absent"] as const satisfies readonly Mark[];
