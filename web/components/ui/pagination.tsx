import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "./button-styles";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** Builds the link for a page, keeping the current filters. */
  hrefFor: (page: number) => string;
}

export async function Pagination({ page, pageSize, total, hrefFor }: PaginationProps) {
  const t = await getTranslations("common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3 pt-4 text-sm text-slate-600">
      <p>{t("pageOf", { page, pages, total })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefFor(page - 1)} className={buttonClass("secondary")} rel="prev">
            {t("previous")}
          </Link>
        ) : (
          <span className={buttonClass("secondary", "pointer-events-none opacity-50")} aria-disabled="true">
            {t("previous")}
          </span>
        )}
        {page < pages ? (
          <Link href={hrefFor(page + 1)} className={buttonClass("secondary")} rel="next">
            {t("next")}
          </Link>
        ) : (
          <span className={buttonClass("secondary", "pointer-events-none opacity-50")} aria-disabled="true">
            {t("next")}
          </span>
        )}
      </div>
    </nav>
  );
}
