"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FaceMatchBadge, type FaceMatch } from "@/components/faces/face-match-badge";
import { QrCode } from "@/components/rollcalls/qr-code";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";
import { LocationPlot } from "./location-plot";

export interface CheckInPlanView {
  windows: Array<{ weekday: number; start: string; end: string }>;
  link: string | null;
  bindingOpenUntil: string | null;
  phones: Array<{ id: string; createdAt: string }>;
  checkIns: Array<{
    id: string;
    at: string;
    status: "checked_in" | "pending";
    reasons: string[];
    distanceMeters: number | null;
    bearingDegrees: number | null;
    faceMatch: unknown;
    liveness: unknown;
    decision?: "approved" | "rejected" | null;
    decisionNote?: string;
    photoUrl?: string;
  }>;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * The officer's side of self check-in: weekly windows, the standing link as a QR code to keep,
 * the phone-binding confirmation, and the check-ins with their reasons and location plot.
 */
export function CheckInPanel({ personId, initial, canWrite, area, basemap = null }: {
  personId: string;
  initial: CheckInPlanView;
  canWrite: boolean;
  area: { radiusMeters: number; latitude: number; longitude: number } | null;
  /** The deployment's tile server (MAP_TILE_URL), if any: a basemap under the plot. */
  basemap?: { template: string; attribution: string; maxZoom: number } | null;
}) {
  const t = useTranslations("checkinAdmin");
  const tc = useTranslations("checkin");
  const tw = useTranslations("checkinManage");
  const mapText = useTranslations("basemap");
  const [shown, setShown] = useState<Set<string>>(new Set());
  const format = useFormatter();
  const [plan, setPlan] = useState(initial);
  const [days, setDays] = useState<number[]>(initial.windows.length ? [...new Set(initial.windows.map((w) => w.weekday))] : [1]);
  const [start, setStart] = useState(initial.windows[0]?.start ?? "08:00");
  const [end, setEnd] = useState(initial.windows[0]?.end ?? "20:00");
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  // The QR code carries the absolute link: the page's origin is only known in the browser.
  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);
  const at = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });

  const save = async () => {
    const windows = days.sort().map((weekday) => ({ weekday, start, end }));
    const result = await apiFetch<CheckInPlanView>("POST", `/api/v1/persons/${personId}/checkin`, { windows });
    if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
    setPlan(result.data);
    setMessage({ tone: "success", text: t("saved") });
  };

  const openBinding = async () => {
    const result = await apiFetch<{ bindingOpenUntil: string }>("POST", `/api/v1/persons/${personId}/checkin/binding`);
    if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
    setPlan((p) => ({ ...p, bindingOpenUntil: result.data.bindingOpenUntil }));
    setMessage({ tone: "success", text: t("bindingOpened", { until: at(result.data.bindingOpenUntil) }) });
  };

  const revokePhone = async (phoneId: string) => {
    if (!window.confirm(tw("revokeConfirm"))) return;
    const result = await apiFetch("DELETE", `/api/v1/persons/${personId}/checkin/phones/${phoneId}`);
    if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
    setPlan((p) => ({ ...p, phones: p.phones.filter((x) => x.id !== phoneId) }));
    setMessage({ tone: "success", text: tw("revoked") });
  };

  const reissueLink = async () => {
    if (!window.confirm(tw("reissueConfirm"))) return;
    const result = await apiFetch<{ link: string }>("POST", `/api/v1/persons/${personId}/checkin/link`);
    if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
    setPlan((p) => ({ ...p, link: result.data.link, bindingOpenUntil: null }));
    setMessage({ tone: "success", text: tw("reissued") });
  };

  const located = plan.checkIns.filter((c) => c.distanceMeters !== null && c.bearingDegrees !== null);
  return (
    <div className="flex flex-col gap-4" data-testid="checkin-panel">
      {canWrite && (
        <div className="flex flex-col gap-2">
          <p className="text-sm font-medium">{t("windows")}</p>
          <div className="flex flex-wrap gap-2">
            {WEEKDAYS.map((d) => (
              <label key={d} className="flex min-h-10 items-center gap-1 text-sm">
                <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays((list) => (e.target.checked ? [...list, d] : list.filter((x) => x !== d)))} />
                {tc(`weekday.${d}` as "weekday.1")}
              </label>
            ))}
          </div>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <input type="time" value={start} onChange={(e) => setStart(e.target.value)} className="min-h-10 rounded-md border border-slate-300 px-2" aria-label={t("start")} />
            –
            <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} className="min-h-10 rounded-md border border-slate-300 px-2" aria-label={t("end")} />
            <span className="text-slate-500">{t("chinaTime")}</span>
            <button type="button" className={buttonClass("primary")} onClick={() => void save()} data-testid="checkin-save-plan">{t("save")}</button>
          </div>
        </div>
      )}
      {plan.link && (
        <div className="flex flex-wrap items-start gap-4">
          {origin && <QrCode text={new URL(plan.link, origin).toString()} label={t("qr")} failedText={t("qrFailed")} className="size-40" />}
          <div className="flex flex-col gap-2 text-sm">
            <p>{t("linkHint")}</p>
            <code className="break-all rounded bg-slate-100 p-2 text-xs" data-testid="checkin-link">{plan.link}</code>
            <p>{plan.phones.length > 0 ? t("phonesBound", { count: plan.phones.length }) : t("noPhone")}</p>
            {plan.phones.length > 0 && (
              <ul className="flex flex-col gap-1" data-testid="checkin-phones">
                {plan.phones.map((phone, i) => (
                  <li key={phone.id} className="flex flex-wrap items-center gap-2">
                    <span>{tw("phone", { n: i + 1, at: at(phone.createdAt) })}</span>
                    {canWrite && (
                      <button type="button" className={buttonClass("ghost")} onClick={() => void revokePhone(phone.id)} data-testid="checkin-revoke-phone">
                        {tw("revoke")}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canWrite && (
              <div className="flex flex-wrap gap-2">
                <button type="button" className={buttonClass("secondary")} onClick={() => void openBinding()} data-testid="checkin-open-binding">
                  {t("openBinding")}
                </button>
                <button type="button" className={buttonClass("ghost")} onClick={() => void reissueLink()} data-testid="checkin-reissue-link">
                  {tw("reissue")}
                </button>
              </div>
            )}
          </div>
        </div>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {area && located.length > 0 && (
        <LocationPlot
          radiusMeters={area.radiusMeters}
          title={t("plotTitle")}
          basemap={basemap && { ...basemap, latitude: area.latitude, longitude: area.longitude }}
          attributionLabel={mapText("attribution")}
          points={located.map((c) => ({ id: c.id, distanceMeters: c.distanceMeters!, bearingDegrees: c.bearingDegrees!, status: c.status, label: `${at(c.at)} · ${c.distanceMeters} m · ${c.bearingDegrees}°` }))}
        />
      )}
      {plan.checkIns.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="checkin-list">
          {plan.checkIns.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-2 rounded border border-slate-200 p-2 text-sm" data-testid="checkin-item" data-status={c.status}>
              <span className="font-medium">{at(c.at)}</span>
              <span className={`rounded px-2 py-1 ${c.status === "checked_in" ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}>{c.status === "checked_in" ? tc("done") : t("pending")}</span>
              {c.reasons.map((r) => (
                <span key={r} className="rounded bg-slate-100 px-2 py-1 text-slate-800">{tc(`reason.${r}` as "reason.no_location")}</span>
              ))}
              {c.distanceMeters !== null && <span className="text-slate-600">{t("distance", { meters: c.distanceMeters, bearing: c.bearingDegrees ?? 0 })}</span>}
              <FaceMatchBadge match={c.faceMatch as FaceMatch} />
              <span className="text-slate-600">{t(`liveness.${(c.liveness as { result?: string }).result === "passed" ? "passed" : "failed"}`)}</span>
              {c.decision && (
                <span className={`rounded px-2 py-1 ${c.decision === "approved" ? "bg-emerald-100 text-emerald-900" : "bg-rose-100 text-rose-900"}`} data-testid="checkin-decision">
                  {tw(c.decision)}
                  {c.decisionNote ? `：${c.decisionNote}` : ""}
                </span>
              )}
              {c.photoUrl &&
                (shown.has(c.id) ? (
                  // eslint-disable-next-line @next/next/no-img-element -- an audited, no-store image: next/image would cache it
                  <img src={c.photoUrl} alt={tw("photoAlt")} className="max-h-40 w-auto basis-full rounded border border-slate-200 sm:basis-auto" />
                ) : (
                  <button type="button" className={buttonClass("ghost")} title={tw("photoAudited")} onClick={() => setShown((x) => new Set(x).add(c.id))}>
                    {tw("showPhoto")}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
