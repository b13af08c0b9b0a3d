"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { FaceMatchBadge, type FaceMatch } from "@/components/faces/face-match-badge";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";

export interface PendingCheckIn {
  id: string;
  at: string;
  reasons: string[];
  faceMatch: unknown;
  distanceMeters: number | null;
  personId: string;
  personName: string;
  unitName: string;
}

type Message = { tone: "success" | "error" | "warning"; text: string };

/**
 * Pending self check-ins, oldest first, each decided in place: 通过, or 不通过 with a reason.
 * When another officer decided first the server answers 409; the item leaves the list and the
 * message says so, so nobody believes their own decision was recorded.
 */
export function PendingCheckIns({ initial, canDecide }: { initial: PendingCheckIn[]; canDecide: boolean }) {
  const t = useTranslations("workbench");
  const tc = useTranslations("checkin");
  const format = useFormatter();
  const [items, setItems] = useState(initial);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [photos, setPhotos] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const at = (iso: string) => format.dateTime(new Date(iso), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });

  const decide = async (item: PendingCheckIn, decision: "approved" | "rejected") => {
    if (decision === "rejected" && note.trim() === "") return setMessage({ tone: "error", text: t("noteRequired") });
    setBusy(item.id);
    const result = await apiFetch("POST", `/api/v1/persons/${item.personId}/checkin/${item.id}/decision`, { decision, note: decision === "rejected" ? note.trim() : "" });
    setBusy(null);
    if (result.ok) {
      setItems((list) => list.filter((c) => c.id !== item.id));
      setRejecting(null);
      setNote("");
      return setMessage({ tone: "success", text: t(decision, { name: item.personName, at: at(item.at) }) });
    }
    if (result.error.status === 409) {
      setItems((list) => list.filter((c) => c.id !== item.id));
      return setMessage({ tone: "warning", text: t("alreadyDecided", { message: result.error.message }) });
    }
    setMessage({ tone: "error", text: result.error.message });
  };

  return (
    <div className="flex flex-col gap-3">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("pendingNone")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="workbench-pending">
          {items.map((c) => (
            <li key={c.id} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm" data-testid="workbench-pending-item" data-person={c.personName}>
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <Link href={`/persons/${c.personId}/face`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                  {c.personName}
                </Link>
                <span className="text-slate-600">{c.unitName}</span>
                <span className="tabular-nums text-slate-700">{at(c.at)}</span>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {c.reasons.map((r) => (
                  <span key={r} className="rounded bg-amber-100 px-2 py-1 text-amber-900" data-testid="workbench-reason">
                    {tc(`reason.${r}` as "reason.no_location")}
                  </span>
                ))}
                <FaceMatchBadge match={c.faceMatch as FaceMatch} />
                {c.distanceMeters !== null && <span className="text-slate-700">{t("distance", { meters: Math.round(c.distanceMeters) })}</span>}
              </div>
              {photos.has(c.id) ? (
                // eslint-disable-next-line @next/next/no-img-element -- an audited, no-store image: next/image would cache it
                <img src={`/api/v1/persons/${c.personId}/checkin/${c.id}/photo`} alt={t("photoAlt", { name: c.personName })} className="max-h-48 w-auto self-start rounded border border-slate-200" />
              ) : (
                <button type="button" className={buttonClass("ghost", "self-start")} title={t("photoAudited")} onClick={() => setPhotos((s) => new Set(s).add(c.id))}>
                  {t("showPhoto")}
                </button>
              )}
              {canDecide &&
                (rejecting === c.id ? (
                  <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
                    <input
                      className="min-h-10 flex-1 rounded-md border border-slate-300 px-2"
                      aria-label={t("rejectNote")}
                      placeholder={t("rejectNote")}
                      maxLength={200}
                      value={note}
                      onChange={(e) => setNote(e.target.value)}
                      data-testid="workbench-reject-note"
                    />
                    <div className="flex gap-2">
                      <button type="button" className={buttonClass("danger")} disabled={busy === c.id} onClick={() => void decide(c, "rejected")} data-testid="workbench-reject-confirm">
                        {t("rejectConfirm")}
                      </button>
                      <button type="button" className={buttonClass("secondary")} onClick={() => setRejecting(null)}>
                        {t("cancel")}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div className="flex gap-2">
                    <button type="button" className={buttonClass("primary")} disabled={busy === c.id} onClick={() => void decide(c, "approved")} data-testid="workbench-approve">
                      {t("approve")}
                    </button>
                    <button type="button" className={buttonClass("secondary")} disabled={busy === c.id} onClick={() => { setRejecting(c.id); setNote(""); }} data-testid="workbench-reject">
                      {t("reject")}
                    </button>
                  </div>
                ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
