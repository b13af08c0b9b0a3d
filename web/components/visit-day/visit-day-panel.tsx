"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { controlProps, Field } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { ApiResult } from "@/lib/client/api-fetch";
import { cancelVisit, confirmVisitorId, issueFamilyLink, revokeFamilyLink } from "@/lib/client/visit-day";

interface PanelParticipant {
  id: string;
  name: string;
  verifyMethod: string | null;
  link: "none" | "issued" | "revoked";
}

/**
 * Visit day on the visit's page, for the officers who act on it: personal links (shown once),
 * the in-person ID check at the center, the doors (terminal, center room, monitor) and cancel.
 */
export function VisitDayPanel({ visitId, version, side, today, fromHome, canCancel, participants }: {
  visitId: string;
  version: number;
  side: "facility" | "center";
  today: boolean;
  fromHome: boolean;
  canCancel: boolean;
  participants: PanelParticipant[];
}) {
  const t = useTranslations("visitDay.panel");
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ participantId: string; url: string; validUntil: string } | null>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState("");

  async function run<T>(key: string, action: () => Promise<ApiResult<T>>, done?: (data: T) => void) {
    setBusy(key);
    setError(null);
    const result = await action();
    setBusy(null);
    if (!result.ok) return setError(t("failed", { message: result.error.message }));
    done?.(result.data);
    router.refresh();
  }

  const open = (path: string) => window.open(path, "_blank", "noopener");
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="visit-day-panel">
      <h2 className="mb-3 text-base font-semibold">{t("title")}</h2>
      {!today && <p className="mb-3 text-sm text-slate-600">{t("notToday")}</p>}
      {today && (
        <>
          <h3 className="mb-2 text-sm font-medium">{t("participants")}</h3>
          <ul className="mb-3 flex flex-col gap-2 text-sm">
            {participants.map((p) => (
              <li key={p.id} className="flex flex-col gap-1 rounded border border-slate-100 p-2" data-testid="visit-day-participant" data-participant={p.id}>
                <span className="font-medium">{p.name}{p.link !== "none" && <span className="ml-2 text-xs text-slate-500">{p.link === "issued" ? t("linkIssued") : t("linkRevoked")}</span>}</span>
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" busy={busy === `issue:${p.id}`} onClick={() => void run(`issue:${p.id}`, () => issueFamilyLink(visitId, p.id), (d) => setShown({ participantId: p.id, url: `${window.location.origin}${d.path}`, validUntil: d.validUntil }))}>
                    {p.link === "issued" ? t("reissueLink") : t("issueLink")}
                  </Button>
                  {p.link === "issued" && (
                    <Button variant="secondary" busy={busy === `revoke:${p.id}`} onClick={() => void run(`revoke:${p.id}`, () => revokeFamilyLink(visitId, p.id))}>{t("revokeLink")}</Button>
                  )}
                  {side === "center" && !fromHome && p.verifyMethod === null && (
                    <Button busy={busy === `confirm:${p.id}`} onClick={() => void run(`confirm:${p.id}`, () => confirmVisitorId(visitId, p.id))}>{t("confirmId")}</Button>
                  )}
                </div>
                {shown?.participantId === p.id && (
                  <div className="rounded bg-amber-50 p-2 text-xs">
                    <p>{t("linkShown")}</p>
                    <input readOnly className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" value={shown.url} data-testid="visit-family-link" onFocus={(e) => e.target.select()} />
                    <p className="mt-1 text-slate-600">{t("linkValidUntil", { time: new Date(shown.validUntil).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) })}</p>
                  </div>
                )}
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            {side === "facility" && <Button onClick={() => open(`/visits/${visitId}/terminal`)}>{t("openTerminal")}</Button>}
            {side === "center" && !fromHome && <Button onClick={() => open(`/visits/${visitId}/center`)}>{t("openCenter")}</Button>}
            <Button variant="secondary" onClick={() => open(`/visits/${visitId}/monitor`)}>{t("openMonitor")}</Button>
          </div>
        </>
      )}
      {canCancel && (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Button variant="danger" onClick={() => setCancelOpen(true)}>{t("cancel")}</Button>
        </div>
      )}
      {error && <p className="mt-2 text-sm text-red-700" role="alert">{error}</p>}
      <ModalDialog
        open={cancelOpen}
        onClose={() => setCancelOpen(false)}
        title={t("cancel")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setCancelOpen(false)}>{t("back")}</Button>
            <Button variant="danger" busy={busy === "cancel"} disabled={!reason.trim()} onClick={() => void run("cancel", () => cancelVisit(visitId, reason.trim(), version), () => setCancelOpen(false))}>{t("cancelConfirm")}</Button>
          </>
        }
      >
        <Field id="cancel-reason" label={t("cancelReason")} required>
          <input {...controlProps("cancel-reason", undefined)} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </ModalDialog>
    </section>
  );
}
