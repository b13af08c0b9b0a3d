import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { AdminTabs } from "@/components/admin/admin-tabs";

// Only navigation here: each admin page checks the role itself (layouts do not guard pages).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [t, tNodes] = await Promise.all([getTranslations("admin"), getTranslations("mediaNodes")]);
  return (
    <>
      <AdminTabs
        label={t("title")}
        items={[
          { href: "/admin/units", label: t("units.tab") },
          { href: "/admin/users", label: t("users.tab") },
          { href: "/admin/nodes", label: tNodes("tab") },
        ]}
      />
      {children}
    </>
  );
}
