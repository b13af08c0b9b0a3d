import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listInspectionHistory } from "@/lib/inspection/list-inspection-history";
import { ZInspectionHistoryQuery } from "@/lib/schemas/inspection";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspection"))("historyTitle") };
}

const time = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** Who watched what, when and for how long (the node's join and leave reports). */
export default async function InspectionHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor("/inspection/history");
  const parsed = ZInspectionHistoryQuery.safeParse({ page: (await searchParams).page });
  const page = parsed.success ? parsed.data.page : 1;
  const [history, t] = await Promise.all([listInspectionHistory(actor, page), getTranslations("inspection")]);
  const duration = (seconds: number | null, joinedAt: string | null) =>
    seconds !== null ? t("minutesSeconds", { m: Math.floor(seconds / 60), s: seconds % 60 }) : joinedAt ? t("stillWatching") : t("neverJoined");
  return (
    <>
      <PageHeader title={t("historyTitle")} description={t("historySubtitle", { unit: actor.unitName })} />
      {history.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">{t("noHistory")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="inspection-history">
          {history.items.map((v) => (
            <li key={v.id} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[1fr_2fr_auto_auto_auto] sm:items-center sm:gap-4">
              <span className="font-medium text-slate-900">{v.actorName}</span>
              <span className="min-w-0 text-slate-800">
                {v.roomTitle} <span className="text-slate-500">· {v.unitName}</span>
              </span>
              <span className="text-slate-700">{t(`modes.${v.mode}`)}</span>
              <span className="text-slate-600 tabular-nums">{time(v.openedAt)}</span>
              <span className="text-slate-700 tabular-nums">{duration(v.durationSeconds, v.joinedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4">
        <Pagination page={history.page} pageSize={history.pageSize} total={history.total} hrefFor={(p) => `/inspection/history?page=${p}`} />
      </div>
    </>
  );
}
