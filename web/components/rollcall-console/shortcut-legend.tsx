import { useTranslations } from "next-intl";

/** The keys, always in sight on a desktop (phones have no keyboard). */
export function ShortcutLegend() {
  const t = useTranslations("rollcallConsole.shortcuts");
  const items: Array<[string, string]> = [
    ["N", t("next")],
    ["1–4", t("marks")],
    ["S", t("snapshot")],
    ["P / F", t("passFail")],
  ];
  return (
    <footer className="hidden shrink-0 items-center gap-4 border-t border-white/10 px-3 py-1.5 text-xs text-slate-400 md:flex" data-testid="shortcut-legend">
      <span>{t("title")}</span>
      {items.map(([key, label]) => (
        <span key={key} className="flex items-center gap-1">
          <kbd className="rounded border border-white/20 bg-white/5 px-1.5 font-mono text-slate-200">{key}</kbd>
          {label}
        </span>
      ))}
    </footer>
  );
}
