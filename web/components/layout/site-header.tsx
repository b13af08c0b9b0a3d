import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { canAdminister } from "@/lib/auth/permissions";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitch } from "./language-switch";
import { LogoutButton } from "./logout-button";
import { NavLinks, type NavItem } from "./nav-links";
import { BrandMark } from "./brand-mark";

export async function SiteHeader({ actor }: { actor: Actor }) {
  const t = await getTranslations();
  const tInspection = await getTranslations("inspection");
  const tReports = await getTranslations("reportCalls");
  const items: NavItem[] = [
    { href: "/", label: t("nav.dashboard") },
    { href: "/persons", label: t("nav.persons") },
    { href: "/rollcalls", label: t("nav.rollcalls") },
    { href: "/rooms", label: t("nav.rooms") },
    { href: "/visits", label: t("nav.visits") },
    { href: "/inspection", label: tInspection("nav") },
    { href: "/reports", label: tReports("nav") },
    ...(canAdminister(actor.role) ? [{ href: "/admin", label: t("nav.admin") }] : []),
  ];
  return (
    <header className="bg-brand-800 text-white shadow">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 px-4 py-2">
        <Link href="/" className="flex min-h-10 items-center gap-2 font-semibold tracking-wide">
          <BrandMark />
          <span className="sm:hidden">{t("app.shortName")}</span>
          <span className="hidden sm:inline">{t("app.name")}</span>
        </Link>
        <HeaderMenu>
          <NavLinks items={items} label={t("nav.main")} />
          <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
            <p className="px-3 text-sm leading-tight text-brand-100 lg:px-0 lg:text-right" data-testid="current-user">
              <span className="whitespace-nowrap">
                <span className="font-medium text-white">{actor.displayName}</span>
                <span className="mx-1" aria-hidden="true">
                  ·
                </span>
                <span>{t(`role.${actor.role}`)}</span>
              </span>
              <br className="hidden lg:block" />
              <span className="lg:text-xs"> {actor.unitName}</span>
            </p>
            <div className="flex items-center gap-2 px-3 lg:px-0">
              <LanguageSwitch />
              <LogoutButton />
            </div>
          </div>
        </HeaderMenu>
      </div>
    </header>
  );
}
