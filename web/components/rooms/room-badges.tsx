import { useTranslations } from "next-intl";

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

export function RoomStateBadge({ state }: { state: "open" | "closed" }) {
  const t = useTranslations("rooms");
  const tone = state === "open" ? "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200" : "bg-slate-100 text-slate-600 ring-1 ring-slate-200";
  return <span className={`${pill} ${tone}`}>{t(state)}</span>;
}

export function AdmissionBadge() {
  const t = useTranslations("rooms");
  return <span className={`${pill} bg-amber-50 text-amber-800 ring-1 ring-amber-200`}>{t("admissionBadge")}</span>;
}
