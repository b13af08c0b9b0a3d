"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormProblem, type Problem } from "@/components/forms/form-problem";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsFrom } from "@/lib/http/field-errors";
import { ZRoomCreate } from "@/lib/schemas/rooms";

/** An ad-hoc room in the officer's own unit; the next page shows its invite links. */
export function RoomCreateForm() {
  const t = useTranslations("rooms");
  const fieldErrorText = useFieldErrorText();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [requiresAdmission, setRequiresAdmission] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const body = { title, requiresAdmission };
    const checked = ZRoomCreate.safeParse(body);
    if (!checked.success) {
      setError(fieldErrorsFrom(checked.error, body).title ?? "invalid");
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await apiFetch<{ id: string }>("POST", "/api/v1/rooms", checked.data);
    if (result.ok) {
      // Busy stays on until the room's page shows: a second click would create a second room.
      router.push(`/rooms/${result.data.id}?created=1`);
      return;
    }
    setBusy(false);
    if (result.error.fields.title) setError(result.error.fields.title);
    else setProblem(result.error.status === 401 ? { kind: "session" } : { kind: "api", error: result.error });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3" aria-busy={busy || undefined}>
      {problem && <FormProblem problem={problem} />}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field id="room-title" label={t("field.title")} error={fieldErrorText(error)} required className="sm:flex-1">
          <input
            {...controlProps("room-title", fieldErrorText(error))}
            value={title}
            maxLength={60}
            placeholder={t("field.titlePlaceholder")}
            autoComplete="off"
            onChange={(event) => {
              setTitle(event.target.value);
              setError(undefined);
            }}
          />
        </Field>
        <Button type="submit" busy={busy} className="sm:mt-6">
          {busy ? t("creating") : t("create")}
        </Button>
      </div>
      <label className="flex min-h-10 items-start gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-brand-600"
          checked={requiresAdmission}
          onChange={(event) => setRequiresAdmission(event.target.checked)}
        />
        <span>
          <span className="font-medium">{t("field.requiresAdmission")}</span>
          <span className="block text-xs text-slate-500">{t("field.requiresAdmissionHint")}</span>
        </span>
      </label>
    </form>
  );
}
