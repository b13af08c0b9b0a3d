import { useTranslations } from "next-intl";
import type { AttendanceStatus } from "@/lib/db/generated/enums.ts";
import { STATUS_COLOURS, STATUS_ORDER } from "@/lib/pages/roll-call-display";

/**
 * The roster's statuses as one stacked bar (each status its share of the width), with the counts
 * spelled out for screen readers. `size="lg"` adds a legend, for the summary.
 */
export function AttendanceBar({ counts, total, size = "sm" }: { counts: Record<AttendanceStatus, number>; total: number; size?: "sm" | "lg" }) {
  const t = useTranslations("rollcall");
  const shown = STATUS_ORDER.filter((status) => counts[status] > 0);
  const detail = STATUS_ORDER.map((status) => `${t(`attendance.${status}`)} ${counts[status]}`).join("，");
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div
        role="img"
        aria-label={t("summary.chartLabel", { detail })}
        data-testid="attendance-bar"
        className={`flex w-full overflow-hidden rounded-full bg-slate-100 ${size === "lg" ? "h-5" : "h-2"}`}
      >
        {total > 0 &&
          shown.map((status) => (
            <div key={status} className={STATUS_COLOURS[status].fill} style={{ width: `${(counts[status] / total) * 100}%` }} data-segment={status} />
          ))}
      </div>
      {size === "lg" && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          {STATUS_ORDER.map((status) => (
            <li key={status} className="flex items-center gap-1.5">
              <span className={`size-3 rounded-sm ${STATUS_COLOURS[status].fill}`} aria-hidden="true" />
              {t(`attendance.${status}`)} <span className="font-semibold tabular-nums" data-count={status}>{counts[status]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
