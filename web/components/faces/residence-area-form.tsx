"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ZResidenceArea } from "@/lib/schemas/faces";

type Area = NonNullable<z.infer<typeof ZResidenceArea>>;

/** Centre (the registered address's coordinates, as the officer reads them from a map service), radius, may leave. */
export function ResidenceAreaForm({ personId, initial, canWrite }: { personId: string; initial: Area | null; canWrite: boolean }) {
  const t = useTranslations("faces.residence");
  const [values, setValues] = useState({
    latitude: initial ? String(initial.latitude) : "",
    longitude: initial ? String(initial.longitude) : "",
    radiusMeters: initial ? String(initial.radiusMeters) : "500",
    address: initial?.address ?? "",
    mayLeave: initial?.mayLeave ?? false,
  });
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await apiFetch<Area>("POST", `/api/v1/persons/${personId}/residence-area`, {
      latitude: Number(values.latitude),
      longitude: Number(values.longitude),
      radiusMeters: Number(values.radiusMeters),
      address: values.address,
      mayLeave: values.mayLeave,
    });
    setBusy(false);
    if (!result.ok) {
      setFields(result.error.fields);
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    setFields({});
    setMessage({ tone: "success", text: t("saved") });
  };

  const input = (name: "latitude" | "longitude" | "radiusMeters" | "address", label: string, inputMode: "decimal" | "numeric" | "text") => (
    <label className="flex flex-col gap-1 text-sm">
      <span>{label}</span>
      <input
        name={name}
        inputMode={inputMode}
        value={values[name]}
        disabled={!canWrite || busy}
        aria-invalid={Boolean(fields[name])}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        className={`min-h-10 rounded-md border px-3 ${fields[name] ? "border-red-500" : "border-slate-300"}`}
      />
    </label>
  );

  return (
    <form onSubmit={(e) => void save(e)} className="flex flex-col gap-3" data-testid="residence-area-form">
      {!initial && <p className="text-sm text-slate-600">{t("none")}</p>}
      <div className="grid gap-3 sm:grid-cols-3">
        {input("latitude", t("latitude"), "decimal")}
        {input("longitude", t("longitude"), "decimal")}
        {input("radiusMeters", t("radius"), "numeric")}
      </div>
      {input("address", t("address"), "text")}
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input type="checkbox" checked={values.mayLeave} disabled={!canWrite || busy} onChange={(e) => setValues((v) => ({ ...v, mayLeave: e.target.checked }))} />
        {t("allowLeave")}
      </label>
      {canWrite && (
        <div>
          <button type="submit" className={buttonClass("primary")} disabled={busy}>{t("save")}</button>
        </div>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </form>
  );
}
