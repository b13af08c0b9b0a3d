import { useFormatter, useTranslations } from "next-intl";

/** "2027年3月1日 09:00–09:30": the date once, then the window's clock times (portal time zone). */
export function RollCallWindow({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const t = useTranslations("rollcall.row");
  const format = useFormatter();
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  return (
    <time dateTime={startsAt} className="tabular-nums">
      {t("window", {
        date: format.dateTime(start, { year: "numeric", month: "short", day: "numeric", weekday: "short" }),
        start: format.dateTime(start, { hour: "2-digit", minute: "2-digit" }),
        end: format.dateTime(end, { hour: "2-digit", minute: "2-digit" }),
      })}
    </time>
  );
}
