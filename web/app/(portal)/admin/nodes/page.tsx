import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NodeTreeView } from "@/components/media-nodes/node-tree-view";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canAdminister } from "@/lib/auth/permissions";
import { listMediaNodes } from "@/lib/media-nodes/list-media-nodes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mediaNodes"))("title") };
}

export default async function AdminNodesPage() {
  const actor = await requirePageActor("/admin/nodes");
  // Not "forbidden": other roles should not learn that an admin area exists.
  if (!canAdminister(actor.role)) notFound();
  const [tree, t] = await Promise.all([listMediaNodes(actor), getTranslations("mediaNodes")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("hint", { seconds: tree.downAfterSeconds })} />
      <Card>
        <NodeTreeView initial={tree} />
      </Card>
    </>
  );
}
