import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UserCreateForm } from "@/components/admin/user-create-form";
import { StaffList } from "@/components/users/staff-list";
import { buttonClass } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canAdminister } from "@/lib/auth/permissions";
import { flattenUnitTree } from "@/lib/pages/unit-options";
import { ZUserListQuery } from "@/lib/schemas/users";
import { listUnitTree } from "@/lib/units/list-unit-tree";
import { listUsers } from "@/lib/users/list-users";

const PAGE_SIZE = 30;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { q, page } = await searchParams;
  const actor = await requirePageActor("/admin/users");
  if (!canAdminister(actor.role)) notFound();
  const parsed = ZUserListQuery.safeParse({
    ...(typeof q === "string" && q.trim() ? { q } : {}),
    ...(typeof page === "string" ? { page } : {}),
    pageSize: PAGE_SIZE,
  });
  const query = parsed.success ? parsed.data : ZUserListQuery.parse({ pageSize: PAGE_SIZE });
  const [users, tree, t] = await Promise.all([listUsers(actor, query), listUnitTree(actor), getTranslations("admin.users")]);
  const hrefFor = (target: number) => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `/admin/users?${search}` : "/admin/users";
  };
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("hint")}
        actions={
          <a href="#new-account" className={buttonClass("primary")}>
            {t("createTitle")}
          </a>
        }
      />
      <div className="flex flex-col gap-5">
        <Card title={t("listTitle", { count: users.total })}>
          <form method="get" action="/admin/users" role="search" className="mb-3 flex gap-2">
            <label htmlFor="user-q" className="sr-only">
              {t("search")}
            </label>
            <input id="user-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} className={controlClass()} />
            <button type="submit" className={buttonClass("secondary")}>
              {t("search")}
            </button>
            {query.q && (
              <Link href="/admin/users" className={buttonClass("ghost")}>
                {t("clear")}
              </Link>
            )}
          </form>
          <StaffList users={users.items} editable />
          <Pagination page={users.page} pageSize={users.pageSize} total={users.total} hrefFor={hrefFor} />
        </Card>
        <Card title={<span id="new-account">{t("createTitle")}</span>}>
          <UserCreateForm units={flattenUnitTree(tree)} baseLevel={tree.level} />
        </Card>
      </div>
    </>
  );
}
