import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PersonList } from "@/components/persons/person-list";
import { Breadcrumbs } from "@/components/units/breadcrumbs";
import { UnitTree } from "@/components/units/unit-tree";
import { StaffList } from "@/components/users/staff-list";
import { StatCard } from "@/components/dashboard/stat-card";
import { LevelBadge } from "@/components/ui/badges";
import { buttonClass } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canAdminister } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/pages/or-not-found";
import { findUnitNode } from "@/lib/pages/unit-options";
import { listPersons } from "@/lib/persons/list-persons";
import { getUnitOrThrow } from "@/lib/units/get-unit-or-throw";
import { listUnitTree } from "@/lib/units/list-unit-tree";
import { unitBreadcrumbs } from "@/lib/units/unit-breadcrumbs";
import { listUsers } from "@/lib/users/list-users";

const PERSONS_SHOWN = 10;
const STAFF_SHOWN = 60;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("unit"))("title") };
}

export default async function UnitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/units/${id}`);
  const unit = await orNotFound(getUnitOrThrow(actor, id));
  const [tree, trail, persons, staff, t] = await Promise.all([
    listUnitTree(actor),
    unitBreadcrumbs(actor, unit.path),
    listPersons(actor, { unitId: unit.id, page: 1, pageSize: PERSONS_SHOWN }),
    listUsers(actor, { unitId: unit.id, page: 1, pageSize: STAFF_SHOWN }),
    getTranslations("unit"),
  ]);
  const node = findUnitNode(tree, unit.id);
  if (!node) notFound();
  const personsHref = `/persons?unitId=${unit.id}`;

  return (
    <>
      <Breadcrumbs trail={trail} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {unit.name} <LevelBadge level={unit.level} />
          </span>
        }
        actions={
          canAdminister(actor.role) && (
            <Link href="/admin/units" className={buttonClass("secondary")}>
              {t("manage")}
            </Link>
          )
        }
      />
      <div className="mb-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label={t("totalPersons")} value={node.totalPersons} href={personsHref} />
        <StatCard label={t("directPersons")} value={node.persons} />
        <StatCard label={t("totalStaff")} value={node.totalStaff} />
        <StatCard label={t("directStaff")} value={node.staff} />
      </div>
      <div className="flex flex-col gap-5">
        {node.children.length > 0 && (
          <Card title={t("children", { count: node.children.length })}>
            <UnitTree roots={node.children} maxPersons={node.totalPersons} />
          </Card>
        )}
        <Card
          title={t("persons", { count: persons.total })}
          actions={
            <Link href={personsHref} className={buttonClass("ghost")}>
              {t("allPersons")}
            </Link>
          }
        >
          <PersonList persons={persons.items} />
          {persons.total > PERSONS_SHOWN && <p className="mt-2 text-xs text-slate-500">{t("morePersons", { shown: PERSONS_SHOWN, total: persons.total })}</p>}
        </Card>
        <Card title={t("staff", { count: staff.total })}>
          <StaffList users={staff.items} editable={canAdminister(actor.role)} />
          {staff.total > STAFF_SHOWN && <p className="mt-2 text-xs text-slate-500">{t("moreStaff", { shown: STAFF_SHOWN, total: staff.total })}</p>}
        </Card>
      </div>
    </>
  );
}
