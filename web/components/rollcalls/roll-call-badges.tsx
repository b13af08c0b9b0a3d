import { useTranslations } from "next-intl";
import type { AttendanceStatus } from "@/lib/db/generated/enums.ts";
import { STATE_COLOURS, STATUS_COLOURS, type DisplayState } from "@/lib/pages/roll-call-display";

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1";


export function RollCallStateBadge({ state }: { state: DisplayState }) {
  const t = useTranslations("rollcall.state");
  return (
    <span className={`${pill} ${STATE_COLOURS[state]}`} data-state={state}>
      {state === "live" && <span className="mr-1 size-1.5 animate-pulse rounded-full bg-white" aria-hidden="true" />}
      {t(state)}
    </span>
  );
}

export function AttendanceBadge({ status }: { status: AttendanceStatus }) {
  const t = useTranslations("rollcall.attendance");
  return (
    <span className={`${pill} ${STATUS_COLOURS[status].badge}`} data-status={status}>
      {t(status)}
    </span>
  );
}

const linkTone = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  revoked: "bg-slate-100 text-slate-600 ring-slate-200",
  locked: "bg-red-50 text-red-800 ring-red-200",
  expired: "bg-slate-100 text-slate-600 ring-slate-200",
} as const;

export function LinkStateBadge({ state }: { state: keyof typeof linkTone }) {
  const t = useTranslations("rollcall.linkState");
  return (
    <span className={`${pill} ${linkTone[state]}`} data-link-state={state}>
      {t(state)}
    </span>
  );
}
