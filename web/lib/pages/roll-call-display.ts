import type { AttendanceStatus } from "../db/generated/enums.ts";

export type RollCallState = "scheduled" | "live" | "ended" | "cancelled";
export type DisplayState = RollCallState | "missed";

/** A scheduled roll call whose window passed without being opened reads as missed, not upcoming. */
export function displayState(rollCall: { state: RollCallState; endsAt: string }, now: Date): DisplayState {
  return rollCall.state === "scheduled" && new Date(rollCall.endsAt) <= now ? "missed" : rollCall.state;
}

/** The order statuses are drawn and listed in: the good news first, the not-yet-known last. */
export const STATUS_ORDER: readonly AttendanceStatus[] = ["present", "late", "excused", "absent", "unverified", "pending"];

/**
 * One colour per status everywhere: bars and the legend (`fill`), badges on light pages (`badge`,
 * readable in grey print), and on the dark console chips (`chip`) and tile rings (`ring`).
 */
export const STATUS_COLOURS: Record<AttendanceStatus, { fill: string; badge: string; chip: string; ring: string }> = {
  present: { fill: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", chip: "bg-emerald-700 text-white", ring: "ring-emerald-400" },
  late: { fill: "bg-amber-400", badge: "bg-amber-50 text-amber-900 ring-amber-200", chip: "bg-amber-400 text-slate-900", ring: "ring-amber-400" },
  excused: { fill: "bg-sky-400", badge: "bg-sky-50 text-sky-800 ring-sky-200", chip: "bg-sky-700 text-white", ring: "ring-sky-400" },
  absent: { fill: "bg-red-500", badge: "bg-red-50 text-red-800 ring-red-200", chip: "bg-red-600 text-white", ring: "ring-red-500" },
  unverified: { fill: "bg-violet-400", badge: "bg-violet-50 text-violet-800 ring-violet-200", chip: "bg-violet-600 text-white", ring: "ring-violet-400" },
  pending: { fill: "bg-slate-300", badge: "bg-slate-100 text-slate-700 ring-slate-200", chip: "bg-slate-600 text-white", ring: "ring-slate-500" },
};

/** A roll call's state in lists (badges on light pages). */
export const STATE_COLOURS: Record<DisplayState, string> = {
  scheduled: "bg-brand-50 text-brand-700 ring-brand-100",
  live: "bg-emerald-700 text-white ring-emerald-700",
  ended: "bg-slate-100 text-slate-700 ring-slate-200",
  cancelled: "bg-slate-50 text-slate-500 ring-slate-200 line-through",
  missed: "bg-amber-50 text-amber-900 ring-amber-200",
};

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}
