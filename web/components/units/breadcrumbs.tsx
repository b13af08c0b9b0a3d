import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function Breadcrumbs({ trail }: { trail: Array<{ id: string; name: string }> }) {
  const t = await getTranslations("unit");
  return (
    <nav aria-label={t("breadcrumbs")} className="mb-1 text-sm">
      <ol className="flex flex-wrap items-center gap-x-1 text-slate-500">
        <li>
          <Link href="/" className="inline-flex min-h-10 items-center hover:text-brand-700 hover:underline">
            {t("home")}
          </Link>
        </li>
        {trail.map((unit, index) => (
          <li key={unit.id} className="flex items-center gap-1">
            <span aria-hidden="true">/</span>
            {index === trail.length - 1 ? (
              <span aria-current="page" className="inline-flex min-h-10 items-center font-medium text-slate-800">
                {unit.name}
              </span>
            ) : (
              <Link href={`/units/${unit.id}`} className="inline-flex min-h-10 items-center hover:text-brand-700 hover:underline">
                {unit.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
