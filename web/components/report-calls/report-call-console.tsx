"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";
import type { TReportCall, TReportCenter } from "@/lib/schemas/report-calls";

const REFRESH_MS = 3000;
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "—");

/**
 * The caller's roll call of centers: who answered and when (refreshed every 3 s), call a center,
 * mark it reported or absent (each mark saved at once and audited), end.
 */
export function ReportCallConsole({ initial }: { initial: TReportCall }) {
  const t = useTranslations("reportCalls");
  const [call, setCall] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const answer = await apiFetch<TReportCall>("GET", `/api/v1/report-calls/${call.id}`);
    if (answer.ok) setCall(answer.data);
  }, [call.id]);
  useEffect(() => {
    if (call.state !== "live") return;
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, call.state]);

  async function act(key: string, path: string, body?: unknown) {
    setPending(key);
    setError(null);
    const answer = await apiFetch<unknown>("POST", path, body);
    setPending(null);
    if (!answer.ok) setError(t("saveFailed", { message: answer.error.message }));
    await refresh();
  }

  async function end() {
    if (!window.confirm(t("endConfirm"))) return;
    await act("end", `/api/v1/report-calls/${call.id}/end`);
  }

  const live = call.state === "live";
  const counts = { reported: 0, absent: 0, waiting: 0 };
  for (const c of call.centers) counts[c.status] += 1;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        {live && call.runs && (
          <a href={`/reports/${call.id}/call`} target="_blank" rel="noopener" className={buttonClass("primary")} data-testid="report-join">{t("join")}</a>
        )}
        <Link href={`/reports/${call.id}/print`} className={buttonClass("secondary")}>{t("print")}</Link>
        {live && call.runs && <button type="button" className={buttonClass("danger")} onClick={end} disabled={pending !== null}>{t("end")}</button>}
      </div>
      <p className="text-sm text-slate-700" data-testid="report-summary">{t("summary", { total: call.centers.length, ...counts })}</p>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {call.centers.map((center) => (
          <CenterRow key={center.id} center={center} runs={live && call.runs} pending={pending}
            onCall={() => act(`call:${center.id}`, `/api/v1/report-calls/${call.id}/centers/${center.id}/call`)}
            onMark={(status) => act(`mark:${center.id}`, `/api/v1/report-calls/${call.id}/centers/${center.id}/mark`, { status })} />
        ))}
      </ul>
    </div>
  );
}

function CenterRow({ center, runs, pending, onCall, onMark }: { center: TReportCenter; runs: boolean; pending: string | null; onCall: () => void; onMark: (status: "reported" | "absent") => void }) {
  const t = useTranslations("reportCalls");
  const badge = center.status === "reported" ? "bg-green-100 text-green-800" : center.status === "absent" ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700";
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center" data-testid="report-center" data-unit={center.unitName}>
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">
          {center.unitName} <span className={`ml-1 rounded px-2 py-0.5 text-xs ${badge}`} data-testid="center-status">{t(`status.${center.status}`)}</span>
        </p>
        <p className="text-xs text-slate-600">
          {t("answeredAt")}：<span data-testid="center-answered">{center.answeredAt ? `${time(center.answeredAt)}${center.answeredBy ? ` · ${center.answeredBy}` : ""}` : t("notAnswered")}</span>
          {center.calledAt && <> · {t("calledAt")}：{time(center.calledAt)}</>}
        </p>
      </div>
      {runs && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={onCall} disabled={pending !== null}>{center.calledAt ? t("called") : t("call")}</button>
          <button type="button" className={buttonClass("primary")} onClick={() => onMark("reported")} disabled={pending !== null} aria-pressed={center.status === "reported"}>{t("markReported")}</button>
          <button type="button" className={buttonClass("secondary")} onClick={() => onMark("absent")} disabled={pending !== null} aria-pressed={center.status === "absent"}>{t("markAbsent")}</button>
        </div>
      )}
    </li>
  );
}
