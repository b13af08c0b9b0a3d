import Link from "next/link";
import { useTranslations } from "next-intl";
import { EnumOptions } from "@/components/forms/enum-options";
import { buttonClass } from "@/components/ui/button-styles";
import { controlClass } from "@/components/ui/field";
import { UnitSelectOptions } from "@/components/units/unit-select-options";
import type { UnitOption } from "@/lib/pages/unit-options";
import { ZPersonStatus, type TPersonListQuery } from "@/lib/schemas/persons";

/** A plain GET form: filtering works before (and without) any script, and the URL is shareable. */
export function PersonFilters({ filters, units, baseLevel }: { filters: TPersonListQuery; units: UnitOption[]; baseLevel: number }) {
  const t = useTranslations();
  return (
    <form method="get" action="/persons" role="search" className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1.5fr_auto]">
      <div className="flex flex-col gap-1">
        <label htmlFor="q" className="text-xs font-medium text-slate-600">
          {t("persons.filter.search")}
        </label>
        <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={40} placeholder={t("persons.filter.searchPlaceholder")} className={controlClass()} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="status" className="text-xs font-medium text-slate-600">
          {t("persons.filter.status")}
        </label>
        <select id="status" name="status" defaultValue={filters.status ?? ""} className={controlClass()}>
          <option value="">{t("persons.filter.allStatuses")}</option>
          <EnumOptions values={ZPersonStatus.options} label={(status) => t(`status.${status}`)} />
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="unitId" className="text-xs font-medium text-slate-600">
          {t("persons.filter.unit")}
        </label>
        <select id="unitId" name="unitId" defaultValue={filters.unitId ?? ""} className={controlClass()}>
          <option value="">{t("persons.filter.allUnits")}</option>
          <UnitSelectOptions units={units} baseLevel={baseLevel} />
        </select>
      </div>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-1">
        <button type="submit" className={buttonClass("primary", "flex-1 lg:flex-none")}>
          {t("persons.filter.submit")}
        </button>
        <Link href="/persons" className={buttonClass("secondary", "flex-1 lg:flex-none")}>
          {t("persons.filter.reset")}
        </Link>
      </div>
    </form>
  );
}
