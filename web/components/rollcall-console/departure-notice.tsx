import { useTranslations } from "next-intl";
import type { Departure } from "./use-called-departure";

/** The called person is gone mid-call: the officer reads it at once, with what they can do. */
export function DepartureNotice({ name, departure }: { name: string; departure: Departure }) {
  const t = useTranslations("rollcallPass2");
  return (
    <div role="alert" className="rounded-md bg-amber-400 px-3 py-2 text-sm text-slate-900" data-testid="called-departed" data-reason={departure.reason}>
      <p className="font-semibold">{t("departed", { name })}</p>
      <p>{t("departedHint")}</p>
    </div>
  );
}
