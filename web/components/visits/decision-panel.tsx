"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch, type ApiError } from "@/lib/client/api-fetch";
import { SlotPicker } from "./slot-picker";
import { useVisitErrorText } from "./use-visit-error-text";

interface Props {
  visitId: string;
  version: number;
  preferred: string[];
  familyRoomId: string | null;
  facilityId: string;
  terminals: Array<{ id: string; name: string }>;
  participants: Array<{ id: string; name: string; role: string }>;
}

/** The facility officer's decision: book one of the wishes (or another free slot) on a terminal, reject, or ban a visitor. */
export function DecisionPanel({ visitId, version, preferred, familyRoomId, facilityId, terminals, participants }: Props) {
  const t = useTranslations("visits.decide");
  const format = useFormatter();
  const router = useRouter();
  const errorText = useVisitErrorText();
  const [slot, setSlot] = useState(preferred[0] ?? "");
  const [other, setOther] = useState<string[]>([]);
  const [terminalId, setTerminalId] = useState(terminals[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [ban, setBan] = useState({ participantId: participants[0]?.id ?? "", until: "", reason: "" });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();

  const explain = (e: ApiError) => {
    const key = Object.values(e.fields)[0];
    if (e.fields.version === "stale" || e.fields.state) return t("stale");
    return errorText(key) ?? e.message;
  };
  async function send(kind: string, path: string, body: unknown) {
    setBusy(kind);
    setError(undefined);
    const result = await apiFetch("POST", path, body);
    setBusy(null);
    if (result.ok) router.refresh();
    else setError(explain(result.error));
  }
  const chosen = other[0] ?? slot;
  const when = (iso: string) => format.dateTime(new Date(iso), { month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });

  return (
    <section className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="decision-panel">
      <h2 className="text-base font-semibold">{t("heading")}</h2>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("slot")}</legend>
        {preferred.map((p) => (
          <label key={p} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" name="slot" checked={other.length === 0 && slot === p} onChange={() => { setSlot(p); setOther([]); }} />
            {when(p)}
          </label>
        ))}
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">{t("otherSlot")}</summary>
          <div className="mt-2">
            <SlotPicker source={familyRoomId ? { roomId: familyRoomId } : { facilityId }} selected={other} onChange={(next) => setOther(next.slice(-1))} max={2} />
          </div>
        </details>
      </fieldset>
      <Field id="terminalId" label={t("terminal")}>
        <select {...controlProps("terminalId", undefined)} value={terminalId} onChange={(e) => setTerminalId(e.target.value)}>
          {terminals.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </Field>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="decision-error">
          {error}
        </p>
      )}
      <Button busy={busy === "book"} disabled={!chosen || !terminalId} onClick={() => send("book", `/api/v1/visits/${visitId}/book`, { startsAt: chosen, terminalId, version })} data-testid="book-visit">
        {busy === "book" ? t("booking") : t("book")}
      </Button>
      <details className="border-t border-slate-100 pt-3">
        <summary className="cursor-pointer text-sm font-medium text-red-700">{t("reject")}</summary>
        <div className="mt-2 flex flex-col gap-2">
          <Field id="reject-reason" label={t("reason")}>
            <textarea {...controlProps("reject-reason", undefined)} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
          </Field>
          <Button variant="danger" busy={busy === "reject"} disabled={!reason.trim()} onClick={() => send("reject", `/api/v1/visits/${visitId}/reject`, { reason, version })}>
            {t("confirmReject")}
          </Button>
        </div>
      </details>
      <details className="border-t border-slate-100 pt-3">
        <summary className="cursor-pointer text-sm font-medium text-red-700">{t("ban")}</summary>
        <div className="mt-2 flex flex-col gap-2">
          <select {...controlProps("ban-who", undefined)} value={ban.participantId} onChange={(e) => setBan((b) => ({ ...b, participantId: e.target.value }))}>
            {participants.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <Field id="ban-until" label={t("banUntil")}>
            <input {...controlProps("ban-until", undefined)} type="date" value={ban.until} onChange={(e) => setBan((b) => ({ ...b, until: e.target.value }))} />
          </Field>
          <Field id="ban-reason" label={t("banReason")}>
            <input {...controlProps("ban-reason", undefined)} value={ban.reason} maxLength={500} onChange={(e) => setBan((b) => ({ ...b, reason: e.target.value }))} />
          </Field>
          <Button
            variant="danger"
            busy={busy === "ban"}
            disabled={!ban.until || !ban.reason.trim()}
            onClick={() => send("ban", `/api/v1/visits/${visitId}/participants/${ban.participantId}/ban`, { until: ban.until, reason: ban.reason })}
          >
            {t("confirmBan")}
          </Button>
        </div>
      </details>
    </section>
  );
}
