import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PersonFilters } from "@/components/persons/person-filters";
import { PersonList } from "@/components/persons/person-list";
import { buttonClass } from "@/components/ui/button-styles";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canWritePersons } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/pages/or-not-found";
import { personFiltersFrom, personListHref } from "@/lib/pages/person-filters";
import { flattenUnitTree } from "@/lib/pages/unit-options";
import { listPersons } from "@/lib/persons/list-persons";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("persons"))("title") };
}

export default async function PersonsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = personFiltersFrom(await searchParams);
  const actor = await requirePageActor(personListHref(filters));
  const [result, tree, t] = await Promise.all([
    orNotFound(listPersons(actor, filters)),
    listUnitTree(actor),
    getTranslations("persons"),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle", { unit: actor.unitName })}
        actions={
          canWritePersons(actor.role) && (
            <Link href="/persons/new" className={buttonClass("primary")}>
              {t("create")}
            </Link>
          )
        }
      />
      <PersonFilters filters={filters} units={flattenUnitTree(tree)} baseLevel={tree.level} />
      <PersonList persons={result.items} />
      <Pagination
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        hrefFor={(page) => personListHref({ ...filters, page })}
      />
    </>
  );
}
