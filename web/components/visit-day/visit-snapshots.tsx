"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api-fetch";

interface SnapshotParticipant {
  id: string;
  name: string;
  verifyMethod: string | null;
  verifiedAt: string | null;
  hasSnapshot: boolean;
}

/**
 * The faces the visitors took at home, on the officer's demand only: each opening reads the
 * record afresh (a visitor may have joined since) and loads each photo from the audited route,
 * so nothing is shown, or recorded as viewed, unless the officer asks.
 */
export function VisitSnapshots({ visitId }: { visitId: string }) {
  const t = useTranslations("visitDay.staff");
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<SnapshotParticipant[]>([]);

  async function show() {
    setBusy(true);
    setError(null);
    const record = await apiFetch<{ participants: SnapshotParticipant[] }>("GET", `/api/v1/visits/${encodeURIComponent(visitId)}`);
    setBusy(false);
    if (!record.ok) return setError(t("snapshotsFailed", { message: record.error.message }));
    setShown(record.data.participants.filter((p) => p.hasSnapshot));
    setOpen(true);
  }

  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "");
  return (
    <div className="flex flex-col gap-2" data-testid="visit-snapshots">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" busy={busy} aria-expanded={open} onClick={() => (open ? setOpen(false) : void show())}>
          {open ? t("snapshotsHide") : t("snapshots")}
        </Button>
        <span className="text-xs text-slate-600">{t("snapshotsAudited")}</span>
      </div>
      {open &&
        (shown.length === 0 ? (
          <p className="text-slate-600" data-testid="visit-snapshots-none">{t("snapshotsNone")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {shown.map((p) => (
              <li key={p.id} className="flex flex-col items-start gap-1" data-testid="visit-snapshot" data-participant={p.id}>
                {/* eslint-disable-next-line @next/next/no-img-element -- an audited, never-cached route: next/image would proxy and cache it */}
                <img
                  src={`/api/v1/visits/${encodeURIComponent(visitId)}/participants/${encodeURIComponent(p.id)}/snapshot`}
                  alt={t("snapshotAlt", { name: p.name })}
                  className="h-32 w-auto max-w-full rounded border border-slate-200 bg-slate-100 object-contain"
                />
                <span className="text-xs text-slate-600">{t("snapshotTaken", { name: p.name, time: time(p.verifiedAt) })}</span>
              </li>
            ))}
          </ul>
        ))}
      {error && <p className="text-red-700" role="alert">{error}</p>}
    </div>
  );
}
