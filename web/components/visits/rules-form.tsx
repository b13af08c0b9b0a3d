"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";

interface Rules {
  visitsPerMonth: number;
  visitorsPerVisit: number;
  homeVisitsAllowed: boolean;
}

/** The facility's visit rules for one held person. */
export function RulesForm({ heldPersonId, initial }: { heldPersonId: string; initial: Rules }) {
  const t = useTranslations("visits.held");
  const [rules, setRules] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await apiFetch<Rules>("PATCH", `/api/v1/held-persons/${heldPersonId}`, rules);
    setBusy(false);
    setMessage(result.ok ? t("saved") : result.error.message);
    if (result.ok) setRules(result.data);
  }

  return (
    <form onSubmit={submit} className="flex max-w-md flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="rules-form">
      <h2 className="text-base font-semibold">{t("rules")}</h2>
      <Field id="visitsPerMonth" label={t("visitsPerMonth")}>
        <input {...controlProps("visitsPerMonth", undefined)} type="number" min={0} max={31} value={rules.visitsPerMonth} onChange={(e) => setRules((r) => ({ ...r, visitsPerMonth: Number(e.target.value) }))} />
      </Field>
      <Field id="visitorsPerVisit" label={t("visitorsPerVisit")}>
        <input {...controlProps("visitorsPerVisit", undefined)} type="number" min={1} max={3} value={rules.visitorsPerVisit} onChange={(e) => setRules((r) => ({ ...r, visitorsPerVisit: Number(e.target.value) }))} />
      </Field>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={rules.homeVisitsAllowed} onChange={(e) => setRules((r) => ({ ...r, homeVisitsAllowed: e.target.checked }))} />
        {t("home")}
      </label>
      {message && <p role="status" className="text-sm text-slate-700">{message}</p>}
      <Button type="submit" busy={busy}>
        {t("save")}
      </Button>
    </form>
  );
}
