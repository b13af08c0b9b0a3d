import Link from "next/link";
import { useTranslations } from "next-intl";
import { StatusBadge } from "@/components/ui/badges";
import type { TPerson } from "@/lib/schemas/persons";

// One markup for both sizes: a table-like grid from md up, stacked cards on a phone, so nothing
// needs horizontal scrolling at 375 px.
const columns = "md:grid md:grid-cols-[minmax(7rem,1.2fr)_minmax(9rem,1.3fr)_minmax(7rem,1fr)_minmax(7rem,1.2fr)_minmax(5rem,0.8fr)_5rem] md:items-center md:gap-3";

export function PersonList({ persons, showUnit = true }: { persons: TPerson[]; showUnit?: boolean }) {
  const t = useTranslations("persons");
  if (persons.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">{t("empty")}</p>;
  }
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="person-list">
      <div className={`hidden bg-slate-50 px-4 py-2 text-xs font-medium text-slate-500 ${columns}`} aria-hidden="true">
        <span>{t("field.name")}</span>
        <span>{t("field.idNumber")}</span>
        <span>{t("field.phone")}</span>
        <span>{showUnit ? t("field.unit") : t("field.period")}</span>
        <span>{t("field.supervisionType")}</span>
        <span>{t("field.status")}</span>
      </div>
      <ul className="divide-y divide-slate-100">
        {persons.map((person) => (
          <PersonRow key={person.id} person={person} showUnit={showUnit} />
        ))}
      </ul>
    </div>
  );
}

function PersonRow({ person, showUnit }: { person: TPerson; showUnit: boolean }) {
  const t = useTranslations();
  const type = t(`supervisionType.${person.supervisionType}`);
  return (
    <li className={`relative grid grid-cols-2 gap-x-3 gap-y-1 px-4 py-3 hover:bg-brand-50/50 ${columns}`} data-person-id={person.id}>
      <div className="col-span-2 flex items-center justify-between gap-2 md:col-span-1">
        <Link href={`/persons/${person.id}`} className="font-medium text-brand-700 after:absolute after:inset-0 hover:underline">
          {person.name}
        </Link>
        <span className="flex items-center gap-2 text-sm text-slate-600 md:hidden">
          {type}
          <StatusBadge status={person.status} />
        </span>
      </div>
      <span className="col-span-2 font-mono text-sm text-slate-700 md:col-span-1">
        <span className="sr-only">{t("persons.field.idNumber")} </span>
        {person.idNumberMasked}
      </span>
      <span className="text-sm text-slate-700">
        <span className="sr-only">{t("persons.field.phone")} </span>
        {person.phone}
      </span>
      <span className="truncate text-sm text-slate-600">
        {showUnit ? person.unitName : `${person.startDate} ~ ${person.endDate}`}
      </span>
      <span className="hidden text-sm text-slate-600 md:block">{type}</span>
      <span className="hidden md:block">
        <StatusBadge status={person.status} />
      </span>
    </li>
  );
}
