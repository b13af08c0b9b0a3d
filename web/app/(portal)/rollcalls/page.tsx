import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RollCallList } from "@/components/rollcalls/roll-call-list";
import { buttonClass } from "@/components/ui/button-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canScheduleRollCalls } from "@/lib/pages/roll-call-access";
import { listRollCalls } from "@/lib/rollcalls/list-roll-calls";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcall"))("listTitle") };
}

const TABS = ["live", "upcoming", "past"] as const;
type Tab = (typeof TABS)[number];

export default async function RollCallsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { when } = await searchParams;
  const actor = await requirePageActor(when ? `/rollcalls?when=${when}` : "/rollcalls");
  const [live, upcoming, past, t] = await Promise.all([
    listRollCalls(actor, { when: "live" }),
    listRollCalls(actor, { when: "upcoming" }),
    listRollCalls(actor, { when: "past" }),
    getTranslations("rollcall"),
  ]);
  const lists: Record<Tab, typeof live.items> = { live: live.items, upcoming: upcoming.items, past: past.items };
  // Without a choice, what needs attention now: a live roll call first, else what comes next.
  const tab: Tab = TABS.find((name) => name === when) ?? (live.items.length > 0 ? "live" : "upcoming");
  return (
    <>
      <PageHeader
        title={t("listTitle")}
        description={t("listSubtitle", { unit: actor.unitName })}
        actions={
          <>
            <Link href="/rollcalls/stats" className={buttonClass("secondary")}>
              {t("statsLink")}
            </Link>
            {canScheduleRollCalls(actor.role) && (
              <Link href="/rollcalls/new" className={buttonClass("primary")}>
                {t("create")}
              </Link>
            )}
          </>
        }
      />
      <nav aria-label={t("tabs.label")} className="mb-4 border-b border-slate-200">
        <ul className="-mb-px flex gap-1 overflow-x-auto">
          {TABS.map((name) => (
            <li key={name}>
              <Link
                href={`/rollcalls?when=${name}`}
                aria-current={name === tab ? "page" : undefined}
                className={`inline-flex min-h-11 items-center gap-1.5 whitespace-nowrap border-b-2 px-3 text-sm font-medium ${
                  name === tab ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-brand-700"
                }`}
              >
                {t(`tabs.${name}`)}
                <span className={`rounded-full px-1.5 text-xs tabular-nums ${name === "live" && lists.live.length > 0 ? "bg-emerald-700 text-white" : "bg-slate-100 text-slate-600"}`}>
                  {lists[name].length}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <RollCallList items={lists[tab]} actor={actor} now={new Date()} emptyText={t(`empty.${tab}`)} />
    </>
  );
}
