"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { StatusBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { controlClass, errorId } from "@/components/ui/field";
import type { RosterCandidate } from "@/lib/rollcalls/list-roster-candidates";
import { ZPersonStatus, ZSupervisionType } from "@/lib/schemas/persons";

type Props = {
  candidates: RosterCandidate[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
  truncatedAt: number | null;
};

/**
 * The roster: persons of the chosen unit's subtree, filtered by office, supervision type, status
 * and name. Only active persons can be picked; "select all" takes what the filters show.
 */
export function RosterPicker({ candidates, selected, onChange, error, truncatedAt }: Props) {
  const t = useTranslations("rollcall.roster");
  const typeText = useTranslations("supervisionType");
  const statusText = useTranslations("status");
  const ids = { office: useId(), type: useId(), status: useId(), q: useId() };
  const [office, setOffice] = useState("");
  const [type, setType] = useState("");
  const [status, setStatus] = useState("active");
  const [q, setQ] = useState("");

  const offices = useMemo(() => {
    const byId = new Map(candidates.map((c) => [c.unitId, c.unitName]));
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  }, [candidates]);
  const shown = candidates.filter(
    (c) => (!office || c.unitId === office) && (!type || c.supervisionType === type) && (!status || c.status === status) && (!q.trim() || c.name.includes(q.trim())),
  );
  const chosen = new Set(selected);
  const pickable = shown.filter((c) => c.status === "active");

  const toggle = (id: string) => onChange(chosen.has(id) ? selected.filter((s) => s !== id) : [...selected, id]);
  const selectAllShown = () => onChange([...new Set([...selected, ...pickable.map((c) => c.id)])]);

  return (
    <div className="flex flex-col gap-3" data-testid="roster-picker">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Filter id={ids.office} label={t("office")}>
          <select id={ids.office} className={controlClass()} value={office} onChange={(e) => setOffice(e.target.value)}>
            <option value="">{t("allOffices")}</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Filter>
        <Filter id={ids.type} label={t("supervisionType")}>
          <select id={ids.type} className={controlClass()} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t("allTypes")}</option>
            {ZSupervisionType.options.map((option) => (
              <option key={option} value={option}>
                {typeText(option)}
              </option>
            ))}
          </select>
        </Filter>
        <Filter id={ids.status} label={t("status")}>
          <select id={ids.status} className={controlClass()} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("allStatuses")}</option>
            {ZPersonStatus.options.map((option) => (
              <option key={option} value={option}>
                {statusText(option)}
              </option>
            ))}
          </select>
        </Filter>
        <Filter id={ids.q} label={t("search")}>
          <input id={ids.q} type="search" className={controlClass()} value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        </Filter>
      </div>
      {truncatedAt !== null && <p className="text-sm text-amber-800">{t("truncated", { count: truncatedAt })}</p>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          <span className="font-semibold text-slate-900" data-testid="roster-selected" aria-live="polite">
            {t("selected", { count: selected.length })}
          </span>
          <span className="mx-2" aria-hidden="true">
            ·
          </span>
          {t("shown", { shown: shown.length, total: candidates.length })}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={selectAllShown} disabled={pickable.length === 0}>
            {t("selectAll", { count: pickable.length })}
          </Button>
          <Button variant="ghost" onClick={() => onChange([])} disabled={selected.length === 0}>
            {t("clear")}
          </Button>
        </div>
      </div>
      {error && (
        <p id={errorId("personIds")} className="text-sm text-red-700" data-field-error="personIds">
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">{t("none")}</p>
      ) : (
        <ul
          aria-label={t("tableLabel")}
          aria-describedby={error ? errorId("personIds") : undefined}
          className={`max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-md border bg-white ${error ? "border-red-500" : "border-slate-200"}`}
        >
          {shown.map((c) => {
            const active = c.status === "active";
            return (
              <li key={c.id}>
                <label className={`flex min-h-11 items-center gap-3 px-3 py-2 ${active ? "cursor-pointer hover:bg-slate-50" : "opacity-60"}`} data-person-id={c.id}>
                  <input type="checkbox" className="size-5 shrink-0 accent-brand-600" checked={chosen.has(c.id)} disabled={!active} onChange={() => toggle(c.id)} />
                  <span className="min-w-0 flex-1">
                    <span className="font-medium text-slate-900">{c.name}</span>
                    <span className="block text-xs text-slate-500">
                      {c.unitName} · {typeText(c.supervisionType)}
                      {!active && ` · ${t("notActive")}`}
                    </span>
                  </span>
                  {!active && <StatusBadge status={c.status} />}
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function Filter({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}
