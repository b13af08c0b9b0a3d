import type { Tx } from "../db/transaction.ts";

/** What happened in a recorded session, for the line beside its players. */
export type SessionEventKind = "joined" | "left" | "started" | "warning" | "notice" | "terminated" | "ended" | "call" | "mark" | "storageFull";

export interface SessionEvent {
  at: string;
  kind: SessionEventKind;
  /** Who it is about (who joined, who was marked); null when nobody is (the room ending). */
  who: string | null;
  /** Who did it (the officer who warned, marked, terminated), when it was someone else. */
  by?: string | null;
  /** A code the page translates: a join's role, a leave's or end's reason, a mark's status, a notice's preset. */
  code?: string;
  /** Words someone wrote (a warning's text, a termination's reason), shown as written. */
  text?: string;
  /** A visitor's relation to the held person (a `visits.relationship` key), on their join. */
  relation?: string;
}

type Db = Pick<Tx, "roomEvent" | "visit" | "visitWarning" | "user" | "rollCall" | "rollCallEntry" | "auditEvent">;

const MAX_EVENTS = 2000;
const userIdOf = (identity: unknown) => (typeof identity === "string" && identity.startsWith("user:") ? identity.slice(5) : null);

/**
 * The records the portal already keeps about a room, as one time line: the node's reports (joins,
 * leaves, notices, the end and a termination with its reason), a visit's start and warnings, and a
 * roll call's calls and marks (every mark from the audit chain, overrides included, not only the
 * last). The caller has checked the room is in the actor's scope. A visit's notices are its
 * warnings (the portal stores each twice), so they are read from the visit's own record.
 */
export async function sessionTimeline(db: Db, roomId: string): Promise<SessionEvent[]> {
  const [roomEvents, visit, rollCall] = await Promise.all([
    db.roomEvent.findMany({ where: { roomId }, orderBy: [{ at: "asc" }, { id: "asc" }], take: MAX_EVENTS }),
    db.visit.findFirst({
      where: { roomId },
      select: { id: true, startedAt: true, warnings: { orderBy: { at: "asc" }, take: MAX_EVENTS }, participants: { select: { id: true, role: true, relationship: true, verifyMethod: true } } },
    }),
    db.rollCall.findFirst({ where: { roomId }, select: { id: true } }),
  ]);
  // Officers are named by id in these records; one read names them all.
  const userIds = [...roomEvents.map((event) => userIdOf((event.data as Record<string, unknown> | null)?.by)), ...(visit?.warnings.map((w) => w.byId) ?? [])].filter((id): id is string => Boolean(id));
  const users = new Map((await db.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  const nameOfUser = (id: string | null) => (id ? (users.get(id) ?? null) : null);
  const names = new Map<string, string>();
  const events: SessionEvent[] = [];
  for (const event of roomEvents) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    if (event.identity && event.name) names.set(event.identity, event.name);
    const who = event.name ?? (event.identity ? (names.get(event.identity) ?? event.identity) : null);
    const at = event.at.toISOString();
    switch (event.type) {
      case "peer.joined":
        events.push({ at, kind: "joined", who, ...joinRole(event.identity, String(data.role ?? ""), visit?.participants ?? []) });
        break;
      case "peer.left":
        events.push({ at, kind: "left", who, code: String(data.reason ?? "") });
        break;
      case "room.notice":
        if (!visit) events.push({ at, kind: "notice", who: null, by: who, ...(data.preset ? { code: String(data.preset) } : { text: String(data.text ?? "") }) });
        break;
      case "room.closed": {
        if (data.reason === "empty") break;
        const by = nameOfUser(userIdOf(data.by));
        if (data.reason === "terminated") events.push({ at, kind: "terminated", who: null, by, text: typeof data.note === "string" ? data.note : "" });
        else events.push({ at, kind: "ended", who: null, code: String(data.reason ?? "") });
        break;
      }
      case "recording.storage_full":
        events.push({ at, kind: "storageFull", who: null });
        break;
    }
  }
  if (visit) {
    if (visit.startedAt) events.push({ at: visit.startedAt.toISOString(), kind: "started", who: null });
    for (const warning of visit.warnings) {
      events.push({ at: warning.at.toISOString(), kind: "warning", who: null, by: nameOfUser(warning.byId), ...(warning.text.startsWith("preset:") ? { code: warning.text.slice(7) } : { text: warning.text }) });
    }
  }
  if (rollCall) events.push(...(await rollCallEvents(db, rollCall.id)));
  return events.sort((a, b) => a.at.localeCompare(b.at)).slice(0, MAX_EVENTS);
}

type Participant = { id: string; role: string; relationship: string; verifyMethod: string | null };

/**
 * Who joined, as the record of the session should name them. The node's role says only how a
 * peer was admitted (everyone on a visit's two sides joins as a "participant"), so the identity
 * the portal gave each grant decides: `user:` is staff, `held:` the held person, `visitor:` one
 * family member (with their relation), `family:` the center's room where the confirmed family
 * members sit together; anything else keeps the node's role.
 */
function joinRole(identity: string | null, nodeRole: string, participants: Participant[]): Pick<SessionEvent, "code" | "relation"> {
  const [kind, id] = identity?.split(/:(.*)/s) ?? [];
  if (kind === "user") return { code: "staff" };
  if (kind === "held") return { code: "held" };
  if (kind === "visitor") {
    const participant = participants.find((p) => p.id === id);
    if (participant?.role === "social_worker") return { code: "socialWorker" };
    return { code: "visitor", ...(participant?.relationship ? { relation: participant.relationship } : {}) };
  }
  if (kind === "family") {
    const relations = [...new Set(participants.filter((p) => p.verifyMethod === "id_card" && p.relationship).map((p) => p.relationship))];
    return { code: "visitor", ...(relations.length === 1 ? { relation: relations[0] } : {}) };
  }
  return { code: nodeRole };
}

/** A roll call's calls and marks from the audit chain (challenge values stay out: they were answers). */
async function rollCallEvents(db: Db, rollCallId: string): Promise<SessionEvent[]> {
  const entries = await db.rollCallEntry.findMany({ where: { rollCallId }, select: { id: true, person: { select: { name: true } } } });
  const personOf = new Map(entries.map((entry) => [entry.id, entry.person.name]));
  const audit = await db.auditEvent.findMany({
    where: { targetType: "RollCallEntry", targetId: { in: [...personOf.keys()] }, action: { in: ["rollcall.call", "rollcall.mark", "rollcall.mark_override"] } },
    orderBy: { seq: "asc" },
    take: MAX_EVENTS,
    select: { at: true, action: true, actorName: true, targetId: true, data: true },
  });
  return audit.map((event) => {
    const who = personOf.get(event.targetId) ?? null;
    if (event.action === "rollcall.call") return { at: event.at.toISOString(), kind: "call" as const, who, by: event.actorName };
    const data = event.data as { after?: unknown; reason?: unknown };
    return { at: event.at.toISOString(), kind: "mark" as const, who, by: event.actorName, code: String(data.after ?? ""), ...(typeof data.reason === "string" ? { text: data.reason } : {}) };
  });
}
