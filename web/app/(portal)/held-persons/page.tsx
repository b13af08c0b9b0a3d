import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listHeldPersons } from "@/lib/visits/held-persons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.held"))("title") };
}

/** Persons held in the actor's facilities, and those to be released into its area. */
export default async function HeldPersonsPage() {
  const actor = await requirePageActor("/held-persons");
  const [{ items }, t] = await Promise.all([listHeldPersons(actor), getTranslations("visits.held")]);
  return (
    <>
      <PageHeader title={t("title")} />
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {items.map((p) => (
            <li key={p.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
              <Link href={`/held-persons/${p.id}`} className="font-medium text-brand-700 underline">
                {p.name}
              </Link>
              <span className="ml-2 text-slate-600">{p.facilityName}</span>
              {p.expectedRelease && (
                <span className="ml-2 text-slate-500">
                  {t("release")} {p.expectedRelease}
                  {p.releaseUnitName ? ` → ${p.releaseUnitName}` : ""}
                </span>
              )}
              <span className="ml-2 text-slate-500">
                {t("visitsPerMonth")} {p.visitsPerMonth} · {t("visitorsPerVisit")} {p.visitorsPerVisit}
                {p.homeVisitsAllowed ? ` · ${t("home")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
