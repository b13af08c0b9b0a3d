import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LiveWall } from "@/components/inspection/live-wall";
import { buttonClass } from "@/components/ui/button-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listLiveRooms } from "@/lib/inspection/list-live-rooms";
import { flattenUnitTree } from "@/lib/pages/unit-options";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspection"))("title") };
}

/** 远程督察: every live room of the actor's subtree, as a wall of low-layer tiles. */
export default async function InspectionPage() {
  const actor = await requirePageActor("/inspection");
  const [initial, tree, t] = await Promise.all([listLiveRooms(actor, {}), listUnitTree(actor), getTranslations("inspection")]);
  const unitOptions = flattenUnitTree(tree).map((u) => ({ id: u.id, label: u.parentName && u.level >= 5 ? `${u.name}（${u.parentName}）` : u.name }));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle", { unit: actor.unitName })}
        actions={<Link href="/inspection/history" className={buttonClass("secondary")}>{t("history")}</Link>}
      />
      <LiveWall initial={initial} unitOptions={unitOptions} />
    </>
  );
}
