import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AttendanceHistory } from "@/components/rollcalls/attendance-history";
import { Alert } from "@/components/ui/alert";
import { BackLink } from "@/components/ui/back-link";
import { StatusBadge } from "@/components/ui/badges";
import { buttonClass } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canWritePersons } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/pages/or-not-found";
import { getPersonOrThrow } from "@/lib/persons/get-person-or-throw";
import { personAttendance } from "@/lib/rollcalls/person-attendance";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("persons"))("detailTitle") };
}

export default async function PersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const actor = await requirePageActor(`/persons/${id}`);
  const person = await orNotFound(getPersonOrThrow(actor, id));
  const { saved } = await searchParams;
  const [t, format, attendance] = await Promise.all([getTranslations(), getFormatter(), personAttendance(actor, id)]);
  const dateTime = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <>
      <BackLink href="/persons" label={t("persons.backToList")} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {person.name} <StatusBadge status={person.status} />
          </span>
        }
        description={person.unitName}
        actions={
          canWritePersons(actor.role) && (
            <Link href={`/persons/${person.id}/edit`} className={buttonClass("primary")}>
              {t("persons.edit")}
            </Link>
          )
        }
      />
      {saved === "1" && (
        <div className="mb-4">
          <Alert tone="success">{t("persons.saved")}</Alert>
        </div>
      )}
      <div className="flex flex-col gap-5">
        <Card title={t("persons.section.identity")}>
          <DescriptionList
            items={[
              { label: t("persons.field.name"), value: person.name },
              { label: t("persons.field.gender"), value: t(`gender.${person.gender}`) },
              { label: t("persons.field.idNumber"), value: <span className="font-mono">{person.idNumberMasked}</span> },
              { label: t("persons.field.phone"), value: person.phone },
              { label: t("persons.field.address"), value: person.address || "—" },
            ]}
          />
        </Card>
        <Card title={t("persons.section.supervision")}>
          <DescriptionList
            items={[
              {
                label: t("persons.field.unit"),
                value: (
                  <Link href={`/units/${person.unitId}`} className="text-brand-700 hover:underline">
                    {person.unitName}
                  </Link>
                ),
              },
              { label: t("persons.field.supervisionType"), value: t(`supervisionType.${person.supervisionType}`) },
              { label: t("persons.field.status"), value: t(`status.${person.status}`) },
              { label: t("persons.field.period"), value: `${person.startDate} ~ ${person.endDate}` },
              { label: t("persons.field.notes"), value: <span className="whitespace-pre-wrap">{person.notes || "—"}</span> },
            ]}
          />
        </Card>
        <Card title={t("faces.page.title")}>
          <Link href={`/persons/${person.id}/face`} className="inline-flex min-h-10 items-center text-brand-700 hover:underline" data-testid="face-page-link">
            {t("faces.page.link")} →
          </Link>
        </Card>
        <Card title={t("rollcall.history.title")}>
          <AttendanceHistory items={attendance.items} />
        </Card>
        <p className="text-xs text-slate-500">
          {t("persons.recordInfo", { created: dateTime(person.createdAt), updated: dateTime(person.updatedAt), version: person.version })}
        </p>
      </div>
    </>
  );
}
