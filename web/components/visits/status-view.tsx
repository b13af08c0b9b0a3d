"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";

interface PublicStatus {
  code: string;
  state: "submitted" | "booked" | "rejected" | "cancelled" | "in_progress" | "ended";
  facilityName: string;
  heldPersonName: string;
  fromHome: boolean;
  roomName: string | null;
  roomUnitName: string | null;
  startsAt: string | null;
  endsAt: string | null;
  rejectReason: string | null;
  submittedAt: string;
  icsUrl: string | null;
}

const STATE_STYLE: Record<PublicStatus["state"], string> = {
  submitted: "bg-amber-100 text-amber-900",
  booked: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  cancelled: "bg-slate-200 text-slate-800",
  in_progress: "bg-sky-100 text-sky-900",
  ended: "bg-slate-200 text-slate-800",
};

/** The family's status page: the code is in the address, the last 4 of the ID number opens it. */
export function StatusView({ code }: { code: string }) {
  const t = useTranslations("visits.status");
  const ts = useTranslations("visits.state");
  const format = useFormatter();
  const [last4, setLast4] = useState("");
  const [status, setStatus] = useState<PublicStatus | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function check(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await apiFetch<PublicStatus>("POST", `/api/v1/visit/status/${encodeURIComponent(code)}`, { idLast4: last4 });
    setBusy(false);
    if (result.ok) setStatus(result.data);
    else setError(result.error.status === 429 ? t("tooMany") : t("notFound"));
  }

  const when = (iso: string) => format.dateTime(new Date(iso), { year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-600">
        {t("codeLabel")} <span className="font-mono text-base tracking-widest text-slate-900">{code}</span>
      </p>
      {!status && (
        <form onSubmit={check} noValidate className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm">
          <Field id="idLast4" label={t("last4")} error={error}>
            <input
              {...controlProps("idLast4", error)}
              className={`${controlProps("idLast4", error).className} text-center font-mono text-2xl tracking-[0.5em]`}
              value={last4}
              maxLength={4}
              inputMode="numeric"
              autoComplete="off"
              onChange={(e) => setLast4(e.target.value.toUpperCase().replace(/[^0-9X]/g, ""))}
            />
          </Field>
          <Button type="submit" busy={busy} disabled={last4.length !== 4} className="min-h-12">
            {t("check")}
          </Button>
        </form>
      )}
      {status && (
        <section className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm" data-testid="visit-status">
          <p>
            <span className={`rounded-full px-3 py-1 text-sm font-semibold ${STATE_STYLE[status.state]}`} data-testid="visit-state" data-state={status.state}>
              {ts(status.state)}
            </span>
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
            <dt className="text-slate-500">{t("heldPerson")}</dt>
            <dd>
              {status.heldPersonName}（{status.facilityName}）
            </dd>
            <dt className="text-slate-500">{t("place")}</dt>
            <dd>{status.fromHome ? t("home") : `${status.roomUnitName ?? ""} ${status.roomName ?? ""}`}</dd>
            {status.startsAt && status.endsAt && (
              <>
                <dt className="text-slate-500">{t("time")}</dt>
                <dd className="font-semibold" data-testid="visit-time">
                  {when(status.startsAt)} – {format.dateTime(new Date(status.endsAt), { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" })}
                </dd>
              </>
            )}
            {status.rejectReason && (
              <>
                <dt className="text-slate-500">{t("reason")}</dt>
                <dd>{status.rejectReason}</dd>
              </>
            )}
            <dt className="text-slate-500">{t("submittedAt")}</dt>
            <dd>{when(status.submittedAt)}</dd>
          </dl>
          {status.state === "submitted" && <p className="text-sm text-slate-600">{t("submittedNote")}</p>}
          {status.state === "booked" && !status.fromHome && <p className="text-sm text-slate-600">{t("bookedNote")}</p>}
          {status.icsUrl && (
            <a href={status.icsUrl} className="inline-flex min-h-11 items-center justify-center rounded-md border border-brand-600 px-4 font-medium text-brand-700" data-testid="visit-ics" download>
              {t("ics")}
            </a>
          )}
        </section>
      )}
    </div>
  );
}
