import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PersonForm } from "@/components/persons/person-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canWritePersons } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/pages/or-not-found";
import { justiceOfficeOptions } from "@/lib/pages/unit-options";
import { getPersonOrThrow } from "@/lib/persons/get-person-or-throw";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("persons"))("editTitle") };
}

export default async function EditPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/persons/${id}/edit`);
  if (!canWritePersons(actor.role)) notFound();
  const person = await orNotFound(getPersonOrThrow(actor, id));
  const [tree, t] = await Promise.all([listUnitTree(actor), getTranslations("persons")]);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("editTitle")} description={person.name} />
      <PersonForm key={`${person.id}:${person.version}`} mode="edit" person={person} offices={justiceOfficeOptions(tree)} />
    </div>
  );
}
