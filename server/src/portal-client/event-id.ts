import { randomBytes } from "node:crypto";

let lastMs = -1;
let counter = 0;

/**
 * A node event's id (RFC 9562 UUIDv7), made when the event happens: the portal stores an event
 * once per id however often it is posted (a retry after a lost answer, a resend after a restart),
 * and the ids of one node sort in the order its events happened (the outbox's order on disk).
 * The 12 bits after the millisecond count events within one millisecond (RFC 9562 §6.2, method 1),
 * so two events of the same millisecond still sort as they happened; past 4096 in one ms the clock
 * is borrowed from (the time field moves a millisecond ahead rather than wrapping the count).
 */
export function newEventId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The outbox's order for an entry written before events had ids: where its time puts it. */
export function eventIdFloor(atMs: number): string {
  const hex = Math.max(0, Math.floor(atMs)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}
