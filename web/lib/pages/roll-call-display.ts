import type { AttendanceStatus } from "../db/generated/enums.ts";

export type RollCallState = "scheduled" | "live" | "ended" | "cancelled";
export type DisplayState = RollCallState | "missed";

/** A scheduled roll call whose window passed without being opened reads as missed, not upcoming. */
export function displayState(rollCall: { state: RollCallState; endsAt: string }, now: Date): DisplayState {
  return rollCall.state === "scheduled" && new Date(rollCall.endsAt) <= now ? "missed" : rollCall.state;
}

/** The order statuses are drawn and listed in: the good news first, the not-yet-known last. */
export const STATUS_ORDER: readonly AttendanceStatus[] = ["present", "late", "excused", "absent", "pending"];

/** One colour per status, shared by badges, bars and the legend (readable on screen and in grey print). */
export const STATUS_COLOURS: Record<AttendanceStatus, { fill: string; badge: string }> = {
  present: { fill: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  late: { fill: "bg-amber-400", badge: "bg-amber-50 text-amber-900 ring-amber-200" },
  excused: { fill: "bg-sky-400", badge: "bg-sky-50 text-sky-800 ring-sky-200" },
  absent: { fill: "bg-red-500", badge: "bg-red-50 text-red-800 ring-red-200" },
  pending: { fill: "bg-slate-300", badge: "bg-slate-100 text-slate-700 ring-slate-200" },
};

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}
