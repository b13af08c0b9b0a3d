import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { rollCallRecordingSummary } from "@/lib/recordings/roll-call-recording-summary";

/** The roll call summary's line about its recording, with the way to its playback page. */
export async function RollCallRecordingLine({ actor, rollCallId }: { actor: Actor; rollCallId: string }) {
  const summary = await rollCallRecordingSummary(actor, rollCallId);
  if (!summary) return null;
  const t = await getTranslations("recording.playback");
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="rollcall-recording" data-files={summary.files}>
      <span>{t("summary", { count: summary.files })}</span>
      {summary.files > 0 && (
        <>
          <span className="text-slate-500">{t("span", { minutes: Math.floor(summary.seconds / 60), seconds: summary.seconds % 60 })}</span>
          <Link href={`/rooms/${summary.roomId}/recordings`} className="text-brand-700 underline" data-testid="rollcall-recording-link">
            {t("open")}
          </Link>
        </>
      )}
    </p>
  );
}
