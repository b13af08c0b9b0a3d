import { useTranslations } from "next-intl";
import type { DisplayStatus } from "./roster-model";
import { STATUS_COLOURS } from "@/lib/pages/roll-call-display";

export function StatusChip({ status }: { status: DisplayStatus }) {
  const attendance = useTranslations("rollcall.attendance");
  return (
    <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_COLOURS[status].chip}`} data-testid="status-chip" data-status={status}>
      {attendance(status)}
    </span>
  );
}
