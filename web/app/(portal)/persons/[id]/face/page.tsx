import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CheckInPanel } from "@/components/checkin/checkin-panel";
import { FaceEnrolmentPanel } from "@/components/faces/face-enrolment-panel";
import { ResidenceAreaForm } from "@/components/faces/residence-area-form";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canWritePersons } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getCheckInPlan } from "@/lib/checkin/get-checkin-plan";
import { getResidenceArea } from "@/lib/checkin/get-residence-area";
import { listFaceEnrolments } from "@/lib/faces/list-face-enrolments";
import { orNotFound } from "@/lib/pages/or-not-found";
import { getPersonOrThrow } from "@/lib/persons/get-person-or-throw";

/** The tile server the plot may draw under the points (the CSP allows its origin alone). */
function basemapView() {
  const basemap = config().basemap;
  return basemap && { template: basemap.template, attribution: basemap.attribution, maxZoom: basemap.maxZoom };
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("faces.page"))("title") };
}

/** Face enrolment (camera or upload), the residence area and self check-in: the page that uses the camera (CALL_PAGES). */
export default async function PersonFacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/persons/${id}/face`);
  const person = await orNotFound(getPersonOrThrow(actor, id));
  const [t, tc, enrolments, area, plan] = await Promise.all([
    getTranslations("faces"),
    getTranslations("checkinAdmin"),
    listFaceEnrolments(actor, id),
    getResidenceArea(actor, id),
    getCheckInPlan(actor, id),
  ]);
  const canWrite = canWritePersons(actor.role);
  return (
    <>
      <BackLink href={`/persons/${person.id}`} label={person.name} />
      <PageHeader title={`${person.name} · ${t("page.title")}`} description={person.unitName} />
      <div className="flex flex-col gap-5">
        <Card title={t("enrol.title")}>
          <FaceEnrolmentPanel personId={person.id} initial={enrolments.enrolments} canWrite={canWrite} />
        </Card>
        <Card title={t("residence.title")}>
          <ResidenceAreaForm personId={person.id} initial={area} canWrite={canWrite} />
        </Card>
        <Card title={tc("title")}>
          <CheckInPanel personId={person.id} initial={plan} canWrite={canWrite} area={area} basemap={basemapView()} />
        </Card>
      </div>
    </>
  );
}
