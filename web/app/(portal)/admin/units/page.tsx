import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UnitAdminTree } from "@/components/admin/unit-admin-tree";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canAdminister } from "@/lib/auth/permissions";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.units"))("title") };
}

export default async function AdminUnitsPage() {
  const actor = await requirePageActor("/admin/units");
  // Not "forbidden": other roles should not learn that an admin area exists.
  if (!canAdminister(actor.role)) notFound();
  const [tree, t] = await Promise.all([listUnitTree(actor), getTranslations("admin.units")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("hint")} />
      <Card>
        <UnitAdminTree root={tree} ownUnitId={actor.unitId} />
      </Card>
    </>
  );
}
