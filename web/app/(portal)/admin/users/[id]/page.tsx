import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { UserEditForm } from "@/components/admin/user-edit-form";
import { BackLink } from "@/components/ui/back-link";
import { RoleBadge } from "@/components/ui/badges";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canAdminister } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/pages/or-not-found";
import { flattenUnitTree } from "@/lib/pages/unit-options";
import { listUnitTree } from "@/lib/units/list-unit-tree";
import { getUserOrThrow } from "@/lib/users/get-user-or-throw";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("editTitle") };
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/admin/users/${id}`);
  if (!canAdminister(actor.role)) notFound();
  const user = await orNotFound(getUserOrThrow(actor, id));
  const [tree, t, format] = await Promise.all([listUnitTree(actor), getTranslations("admin.users"), getFormatter()]);
  return (
    <div className="mx-auto max-w-3xl">
      <BackLink href="/admin/users" label={t("backToList")} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {user.displayName} <RoleBadge role={user.role} />
          </span>
        }
        description={
          <>
            <span className="font-mono">{user.username}</span> ·{" "}
            {user.lastLoginAt
              ? t("lastLogin", { at: format.dateTime(new Date(user.lastLoginAt), { dateStyle: "medium", timeStyle: "short" }) })
              : t("neverLoggedIn")}
          </>
        }
      />
      <UserEditForm user={user} units={flattenUnitTree(tree)} baseLevel={tree.level} isSelf={user.id === actor.userId} />
    </div>
  );
}
