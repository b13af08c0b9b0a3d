"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ButtonVariant } from "@/components/ui/button-styles";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { apiFetch } from "@/lib/client/api-fetch";

type Props = {
  label: string;
  /** Names the button for assistive tech when its label alone is ambiguous (one per roster row). */
  ariaLabel?: string;
  variant?: ButtonVariant;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  path: string;
  requestBody?: unknown;
  doneMessage: string;
};

/** A change that cannot be taken back: asked once more in a dialog, then sent, then the page reloads its data. */
export function ConfirmAction({ label, ariaLabel, variant = "secondary", title, body, confirmLabel, cancelLabel, path, requestBody, doneMessage }: Props) {
  const t = useTranslations("rollcall.detail");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await apiFetch("POST", path, requestBody);
    setBusy(false);
    if (!result.ok) {
      setError(errorMessage(result.error));
      return;
    }
    setOpen(false);
    setDone(true);
    router.refresh();
  }

  return (
    <>
      <Button variant={variant} onClick={() => (setOpen(true), setDone(false), setError(null))} aria-label={ariaLabel}>
        {label}
      </Button>
      <span role="status" className="sr-only">
        {done ? doneMessage : ""}
      </span>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        footer={
          <>
            <Button variant="secondary" disabled={busy} onClick={() => setOpen(false)}>
              {cancelLabel}
            </Button>
            <Button variant="danger" busy={busy} onClick={confirm}>
              {busy ? t("working") : confirmLabel}
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">{body}</p>
        {error && (
          <div className="mt-3">
            <Alert tone="error">{error}</Alert>
          </div>
        )}
      </ModalDialog>
    </>
  );
}
