import { useTranslations } from "next-intl";

/** The remark that goes with the next mark of the called person (cleared once it is sent). */
export function RemarkField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useTranslations("rollcallPass2.remark");
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-300">{t("label")}</span>
      <input
        value={value}
        onChange={(event) => onChange(event.target.value)}
        maxLength={200}
        placeholder={t("placeholder")}
        className="min-h-9 min-w-0 flex-1 rounded-md border border-white/20 bg-slate-900 px-2 text-white placeholder:text-slate-400"
        data-testid="mark-remark"
      />
    </label>
  );
}
