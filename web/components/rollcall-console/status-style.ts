import type { DisplayStatus } from "./roster-model";

/** One colour per status, the same on chips, tile rings and counts. */
export const STATUS_STYLE: Record<DisplayStatus, { chip: string; ring: string }> = {
  pending: { chip: "bg-slate-600 text-white", ring: "ring-slate-500" },
  present: { chip: "bg-emerald-500 text-white", ring: "ring-emerald-400" },
  late: { chip: "bg-amber-400 text-slate-900", ring: "ring-amber-400" },
  excused: { chip: "bg-sky-500 text-white", ring: "ring-sky-400" },
  absent: { chip: "bg-rose-600 text-white", ring: "ring-rose-500" },
};
