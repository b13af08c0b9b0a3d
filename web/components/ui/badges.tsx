import { useTranslations } from "next-intl";
import type { PersonStatus, Role } from "@/lib/db/generated/enums.ts";

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

const statusTone: Record<PersonStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200",
  suspended: "bg-amber-50 text-amber-800 ring-1 ring-amber-200",
  released: "bg-slate-100 text-slate-600 ring-1 ring-slate-200",
};

export function StatusBadge({ status }: { status: PersonStatus }) {
  const t = useTranslations("status");
  return <span className={`${pill} ${statusTone[status]}`}>{t(status)}</span>;
}

export function LevelBadge({ level }: { level: number }) {
  const t = useTranslations("unitLevel");
  return <span className={`${pill} bg-brand-50 text-brand-700 ring-1 ring-brand-100`}>{t(levelKey(level))}</span>;
}

export function RoleBadge({ role }: { role: Role }) {
  const t = useTranslations("role");
  const tone = role === "admin" ? "bg-violet-50 text-violet-700" : role === "officer" ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-700";
  return <span className={`${pill} ${tone}`}>{t(role)}</span>;
}

function levelKey(level: number): "1" | "2" | "3" | "4" | "5" {
  return String(Math.min(5, Math.max(1, Math.trunc(level)))) as "1" | "2" | "3" | "4" | "5";
}
