import type { z } from "zod";
import type { ZRoomEvent } from "../schemas/rooms.ts";

type RoomEvent = z.infer<typeof ZRoomEvent>;

export type TimelineKind = "created" | "joined" | "left" | "closeRequested" | "closed";

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** Who it was about; null when nobody is named (a node closing an empty room). */
  who: string | null;
  /** staff / guest / participant, for joins. */
  role?: string;
  /** Why someone left or the room closed (a code such as "timeout", or a host's words). */
  reason?: string;
}

const KINDS: Record<string, TimelineKind> = {
  "room.created": "created",
  "peer.joined": "joined",
  "peer.left": "left",
  "room.close_requested": "closeRequested",
  "room.closed": "closed",
};

/**
 * A room's stored events → the lines of its history. A node reports a leave with the identity
 * only, so the name comes from that identity's join; unknown event types are left out.
 */
export function roomTimeline(events: RoomEvent[]): TimelineEntry[] {
  const names = new Map<string, string>();
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    const kind = KINDS[event.type];
    if (!kind) continue;
    if (event.identity && event.name) names.set(event.identity, event.name);
    const who = event.name ?? (event.identity ? (names.get(event.identity) ?? event.identity) : null);
    const entry: TimelineEntry = { at: event.at, kind, who };
    if (typeof event.data.role === "string") entry.role = event.data.role;
    if (typeof event.data.reason === "string") entry.reason = event.data.reason;
    entries.push(entry);
  }
  return entries;
}
