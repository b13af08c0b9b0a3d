"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api-fetch";

/** Closing disconnects everyone, so it asks once more, in place. */
export function CloseRoomButton({ roomId }: { roomId: string }) {
  const t = useTranslations("rooms");
  const common = useTranslations("common");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function close() {
    setBusy(true);
    setError(null);
    const result = await apiFetch("POST", `/api/v1/rooms/${roomId}/close`);
    setBusy(false);
    if (!result.ok) {
      setError(errorMessage(result.error));
      return;
    }
    setConfirming(false);
    router.refresh();
  }

  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {t("close")}
      </Button>
    );
  }
  return (
    <div className="flex w-full max-w-md flex-col gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="group">
      <p>{t("closeConfirm")}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" busy={busy} onClick={close}>
          {busy ? t("closing") : t("closeConfirmYes")}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
          {common("cancel")}
        </Button>
      </div>
    </div>
  );
}
