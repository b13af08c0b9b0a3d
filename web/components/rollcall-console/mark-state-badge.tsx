import { useTranslations } from "next-intl";
import type { QueuedMark } from "./mark-queue";

/** Whether the officer's last mark for a person is saved: never a silent failure. */
export function MarkStateBadge({ queued, onRetry }: { queued: QueuedMark | undefined; onRetry: () => void }) {
  const t = useTranslations("rollcallConsole.markState");
  if (!queued) return null;
  if (queued.state === "failed") {
    return (
      <span className="inline-flex items-center gap-1 text-xs text-rose-300" data-testid="mark-state" data-state="failed" title={queued.error ?? undefined}>
        {t("failed")}
        <button type="button" onClick={onRetry} className="rounded bg-rose-600 px-1.5 py-0.5 text-white hover:bg-rose-500">
          {t("retry")}
        </button>
      </span>
    );
  }
  return (
    <span className={`text-xs ${queued.state === "saved" ? "text-emerald-300" : "text-amber-200"}`} data-testid="mark-state" data-state={queued.state}>
      {t(queued.state)}
    </span>
  );
}
