import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { RoomRecordingSummary } from "@/lib/recordings/room-recording-summary";

/** A record page's line about its room's recording, with the way to the playback page. */
export async function RecordingSummaryLine({ summary, testId }: { summary: RoomRecordingSummary | null; testId: string }) {
  if (!summary) return null;
  const t = await getTranslations("recording.playback");
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid={testId} data-files={summary.files}>
      <span>{t("summary", { count: summary.files })}</span>
      {summary.files > 0 && (
        <>
          <span className="text-slate-500">{t("span", { minutes: Math.floor(summary.seconds / 60), seconds: summary.seconds % 60 })}</span>
          <Link href={`/rooms/${summary.roomId}/recordings`} className="inline-flex min-h-10 items-center text-brand-700 underline" data-testid={`${testId}-link`}>
            {t("open")}
          </Link>
        </>
      )}
    </p>
  );
}
