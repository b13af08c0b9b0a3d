import { isInScope, subtreeFilter, type Actor } from "../auth/actor.ts";
import type { CheckInWindow } from "../checkin/windows.ts";
import { chinaDay, windowsOfDay } from "../checkin/windows-today.ts";
import { getDb } from "../db/client.ts";

/** How many items of one kind the workbench lists (the count says how many there are in all). */
export const WORKBENCH_LIST_LIMIT = 50;

type UnitRef = { unitId: string; unitName: string };

export interface WorkbenchDue extends UnitRef {
  personId: string;
  personName: string;
  windowKey: string;
  startsAt: string;
  endsAt: string;
  /** open: the window is open now; later: it opens later today; late: it closed today without a check-in. */
  state: "open" | "later" | "late";
}

/**
 * The officer's workbench: what needs doing today in the actor's subtree, each item with what it
 * takes to act on it. Today is the China-time day. Read-only roles get the same records (the page
 * hides the actions they may not take; the domain refuses them anyway). A superior gets the same
 * lists, each item naming its unit, and a per-unit summary.
 */
export async function getWorkbench(actor: Actor, now = new Date()) {
  const db = await getDb();
  const day = chinaDay(now);
  const inScope = { unit: subtreeFilter(actor) };

  const [rollCalls, plans, pendingCount, pending, visitsToday, waitingCount, waiting, liveRooms] = await Promise.all([
    db.rollCall.findMany({
      where: { ...inScope, startsAt: { gte: day.startsAt, lt: day.endsAt }, state: { not: "cancelled" } },
      orderBy: { startsAt: "asc" },
      take: WORKBENCH_LIST_LIMIT,
      select: { id: true, title: true, startsAt: true, endsAt: true, state: true, unit: { select: { id: true, name: true } }, entries: { select: { status: true, verifiedAt: true, joinedAt: true } } },
    }),
    db.checkInPlan.findMany({
      where: { person: { status: "active", ...inScope } },
      select: { windows: true, person: { select: { id: true, name: true, unit: { select: { id: true, name: true } } } } },
    }),
    db.selfCheckIn.count({ where: { status: "pending", decision: null, person: inScope } }),
    db.selfCheckIn.findMany({
      where: { status: "pending", decision: null, person: inScope },
      orderBy: { at: "asc" },
      take: WORKBENCH_LIST_LIMIT,
      select: { id: true, at: true, reasons: true, faceMatch: true, distanceMeters: true, person: { select: { id: true, name: true, unit: { select: { id: true, name: true } } } } },
    }),
    db.visit.findMany({
      where: { state: { in: ["booked", "in_progress", "ended"] }, startsAt: { gte: day.startsAt, lt: day.endsAt }, OR: [{ facility: subtreeFilter(actor) }, { familyUnit: subtreeFilter(actor) }] },
      orderBy: { startsAt: "asc" },
      take: WORKBENCH_LIST_LIMIT,
      select: { id: true, code: true, kind: true, state: true, startsAt: true, endsAt: true, heldPerson: { select: { name: true } }, facility: { select: { id: true, name: true, path: true } }, familyUnit: { select: { id: true, name: true, path: true } } },
    }),
    db.visit.count({ where: { state: "submitted", facility: subtreeFilter(actor) } }),
    db.visit.findMany({
      where: { state: "submitted", facility: subtreeFilter(actor) },
      orderBy: { createdAt: "asc" },
      take: WORKBENCH_LIST_LIMIT,
      select: { id: true, code: true, kind: true, createdAt: true, heldPerson: { select: { name: true } }, facility: { select: { id: true, name: true } } },
    }),
    db.room.findMany({
      where: { state: "open", ...inScope, kind: { not: "rollcall" } },
      orderBy: { createdAt: "desc" },
      take: WORKBENCH_LIST_LIMIT,
      select: { id: true, title: true, kind: true, createdAt: true, unit: { select: { id: true, name: true } } },
    }),
  ]);

  // Self check-ins due today: every window occurrence of today without a check-in row.
  const occurrences = plans.flatMap((plan) => windowsOfDay(plan.windows as unknown as CheckInWindow[], now).map((w) => ({ plan, w })));
  const done = occurrences.length
    ? await db.selfCheckIn.findMany({
        where: { personId: { in: [...new Set(occurrences.map((o) => o.plan.person.id))] }, windowKey: { startsWith: day.date } },
        select: { personId: true, windowKey: true },
      })
    : [];
  const doneKeys = new Set(done.map((d) => `${d.personId}|${d.windowKey}`));
  const due: WorkbenchDue[] = occurrences
    .filter(({ plan, w }) => !doneKeys.has(`${plan.person.id}|${w.key}`))
    .map(({ plan, w }) => ({
      personId: plan.person.id,
      personName: plan.person.name,
      unitId: plan.person.unit.id,
      unitName: plan.person.unit.name,
      windowKey: w.key,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      state: now >= w.endsAt ? "late" : now >= w.startsAt ? "open" : "later",
    }));

  const result = {
    date: day.date,
    rollCalls: rollCalls.map((r) => ({
      id: r.id,
      title: r.title,
      unitId: r.unit.id,
      unitName: r.unit.name,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      state: r.state,
      roster: r.entries.length,
      /** Verified on their personal link, waiting for the console (before it opens) or in the room. */
      waiting: r.entries.filter((e) => e.verifiedAt !== null && e.status === "pending").length,
      marked: r.entries.filter((e) => e.status !== "pending").length,
    })),
    checkIns: {
      due: due.filter((d) => d.state !== "late").slice(0, WORKBENCH_LIST_LIMIT),
      late: due.filter((d) => d.state === "late").slice(0, WORKBENCH_LIST_LIMIT),
      dueCount: due.filter((d) => d.state !== "late").length,
      lateCount: due.filter((d) => d.state === "late").length,
      doneToday: done.length,
      pendingCount,
      pending: pending.map((c) => ({
        id: c.id,
        at: c.at.toISOString(),
        reasons: c.reasons as string[],
        faceMatch: c.faceMatch,
        distanceMeters: c.distanceMeters,
        personId: c.person.id,
        personName: c.person.name,
        unitId: c.person.unit.id,
        unitName: c.person.unit.name,
      })),
    },
    visits: {
      today: visitsToday.map((v) => ({
        id: v.id,
        code: v.code,
        kind: v.kind,
        state: v.state,
        startsAt: v.startsAt!.toISOString(),
        endsAt: v.endsAt?.toISOString() ?? null,
        heldPersonName: v.heldPerson.name,
        // Counted under the facility when it is in the actor's subtree, else under the hosting center.
        ...(isInScope(actor, v.facility.path) || !v.familyUnit ? { unitId: v.facility.id, unitName: v.facility.name } : { unitId: v.familyUnit.id, unitName: v.familyUnit.name }),
        facilityName: v.facility.name,
        familyUnitName: v.familyUnit?.name ?? null,
      })),
      waitingCount,
      waiting: waiting.map((v) => ({ id: v.id, code: v.code, kind: v.kind, createdAt: v.createdAt.toISOString(), heldPersonName: v.heldPerson.name, unitId: v.facility.id, unitName: v.facility.name })),
    },
    liveRooms: liveRooms.map((r) => ({ id: r.id, title: r.title, kind: r.kind, createdAt: r.createdAt.toISOString(), unitId: r.unit.id, unitName: r.unit.name })),
  };
  return { ...result, byUnit: summariseByUnit(result) };
}

interface Items {
  rollCalls: UnitRef[];
  checkIns: { due: UnitRef[]; late: UnitRef[]; pending: UnitRef[] };
  visits: { today: UnitRef[]; waiting: UnitRef[] };
  liveRooms: UnitRef[];
}

/** The same counts per unit, for a superior's overview (units with nothing today are left out). */
function summariseByUnit(w: Items) {
  const units = new Map<string, { unitId: string; unitName: string; rollCalls: number; due: number; late: number; pending: number; visits: number; applications: number; liveRooms: number }>();
  const bump = (ref: UnitRef, key: "rollCalls" | "due" | "late" | "pending" | "visits" | "applications" | "liveRooms") => {
    const row = units.get(ref.unitId) ?? { unitId: ref.unitId, unitName: ref.unitName, rollCalls: 0, due: 0, late: 0, pending: 0, visits: 0, applications: 0, liveRooms: 0 };
    row[key] += 1;
    units.set(ref.unitId, row);
  };
  w.rollCalls.forEach((r) => bump(r, "rollCalls"));
  w.checkIns.due.forEach((d) => bump(d, "due"));
  w.checkIns.late.forEach((d) => bump(d, "late"));
  w.checkIns.pending.forEach((c) => bump(c, "pending"));
  w.visits.today.forEach((v) => bump(v, "visits"));
  w.visits.waiting.forEach((v) => bump(v, "applications"));
  w.liveRooms.forEach((r) => bump(r, "liveRooms"));
  return [...units.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, "zh-CN"));
}
