import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PersonForm } from "@/components/persons/person-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canWritePersons } from "@/lib/auth/permissions";
import { justiceOfficeOptions } from "@/lib/pages/unit-options";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("persons"))("newTitle") };
}

export default async function NewPersonPage() {
  const actor = await requirePageActor("/persons/new");
  // Read-only roles get no form at all, not a form that fails on save.
  if (!canWritePersons(actor.role)) notFound();
  const [tree, t] = await Promise.all([listUnitTree(actor), getTranslations("persons")]);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("newTitle")} description={t("newHint")} />
      <PersonForm mode="create" offices={justiceOfficeOptions(tree)} />
    </div>
  );
}
