import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RoomCreateForm } from "@/components/rooms/room-create-form";
import { RoomList } from "@/components/rooms/room-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canHostRooms } from "@/lib/auth/permissions";
import { listRooms } from "@/lib/rooms/list-rooms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rooms"))("title") };
}

export default async function RoomsPage() {
  const actor = await requirePageActor("/rooms");
  const [{ items }, t] = await Promise.all([listRooms(actor), getTranslations("rooms")]);
  const canHost = canHostRooms(actor.role);
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle", { unit: actor.unitName })} />
      <div className="mb-5">
        {canHost ? (
          <Card title={t("createTitle")}>
            <RoomCreateForm />
          </Card>
        ) : (
          <Alert>{t("readOnlyHint")}</Alert>
        )}
      </div>
      <RoomList rooms={items} canHost={canHost} />
    </>
  );
}
