import { useTranslations } from "next-intl";
import type { DisplayStatus } from "./roster-model";
import { STATUS_STYLE } from "./status-style";

export function StatusChip({ status }: { status: DisplayStatus }) {
  const t = useTranslations("rollcallConsole.status");
  return (
    <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status].chip}`} data-testid="status-chip" data-status={status}>
      {t(status)}
    </span>
  );
}
