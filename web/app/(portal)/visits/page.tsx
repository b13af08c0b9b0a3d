import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VisitTable } from "@/components/visits/visit-table";
import { buttonClass } from "@/components/ui/button-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { ZVisitListQuery } from "@/lib/schemas/visits";
import { listVisits } from "@/lib/visits/list-visits";
import { orNotFound } from "@/lib/pages/or-not-found";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.list"))("title") };
}

const STATES = ["submitted", "booked", "in_progress", "ended", "rejected", "cancelled"] as const;

/** The review queue (oldest first) and the filtered record list of the actor's facilities and rooms. */
export default async function VisitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const actor = await requirePageActor("/visits");
  const parsed = ZVisitListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  const view = raw.view === "all" || Object.keys(query).length > 0 ? "all" : "queue";
  const [t, ts, tk, th] = await Promise.all([getTranslations("visits.list"), getTranslations("visits.state"), getTranslations("visits.kind"), getTranslations("visits.held")]);
  const { items } = await orNotFound(listVisits(actor, view === "queue" ? { state: "submitted" } : query));
  const csv = `/api/v1/visits/export.csv?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`;
  const tab = (name: "queue" | "all", label: string) => (
    <Link
      href={name === "queue" ? "/visits" : "/visits?view=all"}
      aria-current={view === name ? "page" : undefined}
      className={`inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium ${view === name ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600"}`}
    >
      {label}
    </Link>
  );
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle", { unit: actor.unitName })}
        actions={
          <>
            <Link href="/held-persons" className={buttonClass("secondary")}>
              {th("title")}
            </Link>
            <Link href="/visits/rooms" className={buttonClass("secondary")}>
              {t("rooms")}
            </Link>
            <Link href="/visits/stats" className={buttonClass("secondary")}>
              {t("stats")}
            </Link>
            {actor.role !== "inspector" && actor.unitLevel >= 4 && (
              <Link href="/visits/help" className={buttonClass("secondary")}>
                {t("help")}
              </Link>
            )}
          </>
        }
      />
      <nav className="mb-4 flex gap-1 border-b border-slate-200">
        {tab("queue", t("queue"))}
        {tab("all", t("all"))}
      </nav>
      {view === "all" && (
        <form className="mb-4 flex flex-wrap items-end gap-2 text-sm" aria-label={t("filters")}>
          <input type="hidden" name="view" value="all" />
          <select name="state" defaultValue={raw.state ?? ""} className="min-h-11 rounded-md border border-slate-300 px-2">
            <option value="">{t("stateAny")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
          <select name="kind" defaultValue={raw.kind ?? ""} className="min-h-11 rounded-md border border-slate-300 px-2">
            <option value="">{t("kindAny")}</option>
            <option value="visit">{tk("visit")}</option>
            <option value="help_education">{tk("help_education")}</option>
          </select>
          <label className="flex flex-col">
            {t("from")}
            <input type="date" name="from" defaultValue={raw.from ?? ""} className="min-h-11 rounded-md border border-slate-300 px-2" />
          </label>
          <label className="flex flex-col">
            {t("to")}
            <input type="date" name="to" defaultValue={raw.to ?? ""} className="min-h-11 rounded-md border border-slate-300 px-2" />
          </label>
          <button type="submit" className={buttonClass("primary")}>
            {t("apply")}
          </button>
          <a href={csv} className={buttonClass("secondary")} data-testid="visits-csv">
            {t("csv")}
          </a>
        </form>
      )}
      <VisitTable items={items} />
    </>
  );
}
