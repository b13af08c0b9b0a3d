"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";
import type { TReportCall } from "@/lib/schemas/report-calls";

type Candidate = { id: string; name: string; level: number; parentId: string | null };

/** Picks the centers to call (all cities, all offices of a county…) and calls them. */
export function ReportCallForm({ candidates, ownUnitId, levelNames }: { candidates: Candidate[]; ownUnitId: string; levelNames: Record<number, string> }) {
  const t = useTranslations("reportCalls");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const levels = useMemo(() => [...new Set(candidates.map((c) => c.level))].sort(), [candidates]);
  const nameOf = useMemo(() => new Map(candidates.map((c) => [c.id, c.name])), [candidates]);

  const toggle = (id: string) => setPicked((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const pickAll = (ids: string[]) => setPicked((prev) => new Set([...prev, ...ids]));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await apiFetch<TReportCall>("POST", "/api/v1/report-calls", { title, unitIds: [...picked] });
    setBusy(false);
    if (!answer.ok) return setError(errorMessage(answer.error));
    router.push(`/reports/${answer.data.id}`);
  }

  if (candidates.length === 0) return <p className="text-sm text-slate-600">{t("noCandidates")}</p>;
  return (
    <form onSubmit={submit} className="space-y-3">
      <label className="block text-sm">
        <span className="font-medium text-slate-800">{t("titleField")}</span>
        <input name="title" required maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t("titlePlaceholder")} className="mt-1 min-h-10 w-full rounded-md border border-slate-300 px-3" />
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("centers")} <span className="font-normal text-slate-500">· {t("selected", { count: picked.size })}</span></legend>
        <div className="mt-2 flex flex-wrap gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={() => pickAll(candidates.filter((c) => c.parentId === ownUnitId).map((c) => c.id))}>{t("selectChildren")}</button>
          {levels.map((level) => (
            <button key={level} type="button" className={buttonClass("secondary")} onClick={() => pickAll(candidates.filter((c) => c.level === level).map((c) => c.id))}>
              {t("selectLevel", { level: levelNames[level] ?? String(level) })}
            </button>
          ))}
          <button type="button" className={buttonClass("ghost")} onClick={() => setPicked(new Set())}>{t("clear")}</button>
        </div>
        <ul className="mt-2 grid max-h-72 grid-cols-1 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2 lg:grid-cols-3">
          {candidates.map((c) => (
            <li key={c.id}>
              <label className="flex min-h-10 items-center gap-2 rounded px-2 text-sm hover:bg-slate-50">
                <input type="checkbox" checked={picked.has(c.id)} onChange={() => toggle(c.id)} className="size-4" />
                <span>{c.name}</span>
                {c.parentId && c.parentId !== ownUnitId && <span className="text-xs text-slate-500">（{nameOf.get(c.parentId)}）</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button type="submit" className={buttonClass("primary")} disabled={busy || picked.size === 0 || !title.trim()}>{busy ? t("creating") : t("create")}</button>
    </form>
  );
}
