"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";
import type { z } from "zod";
import type { ZIncomingReportCalls } from "@/lib/schemas/report-calls";

const POLL_MS = 5000;
type Incoming = z.infer<typeof ZIncomingReportCalls>["items"][number];

/**
 * The ring of a report call on every portal page: polled (5 s) rather than pushed, so that it
 * works through nginx with any number of portal processes (DECISIONS.md, issue 11). It stops once
 * anyone of the center has answered; "later" hides it in this tab until a new call comes.
 */
export function ReportCallRing({ canAnswer }: { canAnswer: boolean }) {
  const t = useTranslations("reportCalls");
  const pathname = usePathname();
  const [items, setItems] = useState<Incoming[]>([]);
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const answer = await apiFetch<{ items: Incoming[] }>("GET", "/api/v1/report-calls/incoming");
      if (!stopped && answer.ok) setItems(answer.data.items);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  const ringing = items.filter((i) => !dismissed.has(i.id) && !pathname.startsWith(`/reports/${i.id}`));
  if (ringing.length === 0) return null;
  return (
    <div role="alert" className="fixed inset-x-2 bottom-2 z-50 mx-auto max-w-md space-y-2 sm:inset-x-auto sm:right-4" data-testid="report-ring">
      {ringing.map((call) => (
        <div key={call.id} className="rounded-lg border-2 border-amber-400 bg-white p-4 shadow-xl">
          <p className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="relative flex size-3" aria-hidden="true">
              <span className="absolute inline-flex size-full rounded-full bg-amber-400 opacity-75 motion-safe:animate-ping" />
              <span className="relative inline-flex size-3 rounded-full bg-amber-500" />
            </span>
            {t("ringTitle", { caller: call.callerUnitName })}
          </p>
          <p className="mt-1 text-sm text-slate-700">{call.title}</p>
          <div className="mt-3 flex gap-2">
            {canAnswer && <a href={`/reports/${call.id}/call`} className={buttonClass("primary")} data-testid="report-answer">{t("answer")}</a>}
            <button type="button" className={buttonClass("secondary")} onClick={() => setDismissed((d) => new Set([...d, call.id]))}>{t("later")}</button>
          </div>
        </div>
      ))}
    </div>
  );
}
