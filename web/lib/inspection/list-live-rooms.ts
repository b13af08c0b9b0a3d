import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import type { TLiveRoom, TLiveRoomKind, TLiveRoomList } from "../schemas/inspection.ts";
import { INSPECTION_IDENTITY_PREFIX } from "./rules.ts";

type UnitRef = { id: string; name: string; level: number; path: string };

/**
 * Every live room of the actor's subtree (or of one unit's subtree inside it), for the inspection
 * wall: roll calls while live; visits and 帮教 sessions in progress (privileged ones without
 * media); meetings with someone in them by the node's reports (an inspector watching alone does
 * not make a meeting live). Grouped by unit and counted per level.
 */
export async function listLiveRooms(actor: Actor, filter: { kind?: TLiveRoomKind; unitId?: string }): Promise<TLiveRoomList> {
  const db = await getDb();
  let scopePath = actor.unitPath;
  if (filter.unitId) {
    const unit = await db.unit.findFirst({ where: { id: filter.unitId, path: { startsWith: actor.unitPath } }, select: { path: true } });
    if (!unit) throw new NotFoundError("Unit not found");
    scopePath = unit.path;
  }
  const inScope = { path: { startsWith: scopePath } };
  const unitSelect = { select: { id: true, name: true, level: true, path: true } } as const;
  const want = (kind: TLiveRoomKind) => !filter.kind || filter.kind === kind;

  const [rollCalls, openRooms] = await Promise.all([
    want("rollcall")
      ? db.rollCall.findMany({ where: { state: "live", roomId: { not: null }, unit: inScope }, include: { unit: unitSelect }, orderBy: { openedAt: "asc" } })
      : [],
    db.room.findMany({ where: { kind: { in: ["meeting", "visit"] }, state: "open", unit: inScope }, include: { unit: unitSelect }, orderBy: { createdAt: "asc" } }),
  ]);
  const items: TLiveRoom[] = rollCalls.map((r) => toItem(r.roomId!, "rollcall", r.title, r.unit, r.openedAt, true));

  const visitRooms = openRooms.filter((r) => r.kind === "visit");
  if (visitRooms.length > 0 && (want("visit") || want("help"))) {
    const visits = await db.visit.findMany({
      where: { roomId: { in: visitRooms.map((r) => r.id) }, state: "in_progress" },
      include: { heldPerson: { select: { name: true } } },
    });
    const roomOf = new Map(visitRooms.map((r) => [r.id, r]));
    for (const visit of visits) {
      const kind = visit.kind === "help_education" ? "help" : "visit";
      if (!want(kind)) continue;
      const room = roomOf.get(visit.roomId!)!;
      // A privileged visit's title names nobody: that it happens is all the wall may say.
      const title = visit.privileged ? "律师会见" : room.title || visit.heldPerson.name;
      items.push(toItem(room.id, kind, title, room.unit, visit.startedAt, !visit.privileged));
    }
  }

  const meetings = want("meeting") ? openRooms.filter((r) => r.kind === "meeting") : [];
  if (meetings.length > 0) {
    const present = await roomsWithSomeone(meetings.map((m) => m.id));
    for (const m of meetings) if (present.has(m.id)) items.push(toItem(m.id, "meeting", m.title, m.unit, m.createdAt, true));
  }

  items.sort((a, b) => a.unitLevel - b.unitLevel || a.unitName.localeCompare(b.unitName, "zh-CN") || a.title.localeCompare(b.title, "zh-CN"));
  return { items, levels: countBy(items, (i) => i.unitLevel).map(([level, count]) => ({ level, count })), units: unitsOf(items) };
}

/** Rooms where someone other than an inspector is present, by the last join or leave per identity. */
async function roomsWithSomeone(roomIds: string[]): Promise<Set<string>> {
  const db = await getDb();
  const events = await db.roomEvent.findMany({
    where: { roomId: { in: roomIds }, type: { in: ["peer.joined", "peer.left"] }, NOT: { identity: { startsWith: INSPECTION_IDENTITY_PREFIX } } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { roomId: true, identity: true, type: true },
  });
  const last = new Map<string, string>();
  for (const e of events) last.set(`${e.roomId}\n${e.identity}`, e.type);
  const rooms = new Set<string>();
  for (const [key, type] of last) if (type === "peer.joined") rooms.add(key.split("\n")[0]!);
  return rooms;
}

function toItem(roomId: string, kind: TLiveRoomKind, title: string, unit: UnitRef, startedAt: Date | null, media: boolean): TLiveRoom {
  return { roomId, kind, title, unitId: unit.id, unitName: unit.name, unitLevel: unit.level, startedAt: startedAt?.toISOString() ?? null, media };
}

function countBy<K>(items: TLiveRoom[], key: (i: TLiveRoom) => K): Array<[K, number]> {
  const counts = new Map<K, number>();
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return [...counts];
}

function unitsOf(items: TLiveRoom[]) {
  const units = new Map<string, { unitId: string; unitName: string; level: number; count: number }>();
  for (const i of items) {
    const u = units.get(i.unitId) ?? { unitId: i.unitId, unitName: i.unitName, level: i.unitLevel, count: 0 };
    u.count += 1;
    units.set(i.unitId, u);
  }
  return [...units.values()];
}
