import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { AttendanceStatus } from "@/lib/db/generated/enums.ts";
import { ChallengeText } from "./challenge-text";
import { AttendanceBadge } from "./roll-call-badges";

type Item = { rollCallId: string; title: string; startsAt: string; rollCallState: string; status: AttendanceStatus; joinedAt: string | null; challengeResult: string | null };

/** A person's roll calls, newest first, with a one-line tally of the ones that are over. */
export function AttendanceHistory({ items }: { items: Item[] }) {
  const t = useTranslations("rollcall");
  const format = useFormatter();
  if (items.length === 0) return <p className="text-sm text-slate-500">{t("history.empty")}</p>;
  const over = items.filter((item) => item.rollCallState === "ended");
  const tally = (status: AttendanceStatus) => over.filter((item) => item.status === status).length;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700" data-testid="attendance-tally">
        {t("history.summary", { total: over.length, present: tally("present"), late: tally("late"), excused: tally("excused"), absent: tally("absent"), unverified: tally("unverified") })}
      </p>
      <ul className="divide-y divide-slate-100" data-testid="attendance-history">
        {items.map((item) => (
          <li key={item.rollCallId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
            <div className="min-w-0">
              <Link href={`/rollcalls/${item.rollCallId}`} className="font-medium break-all text-brand-700 hover:underline">
                {item.title}
              </Link>
              <p className="text-xs text-slate-500 tabular-nums">
                {format.dateTime(new Date(item.startsAt), { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })}
                {item.challengeResult && (
                  <>
                    {" · "}
                    <ChallengeText challenge={{ kind: "", value: "", result: item.challengeResult }} verdictOnly />
                  </>
                )}
              </p>
            </div>
            {item.rollCallState === "ended" || item.status !== "pending" ? (
              <AttendanceBadge status={item.status} />
            ) : (
              <span className="text-xs text-slate-500">{t(`state.${item.rollCallState === "live" ? "live" : "scheduled"}`)}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
