"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "@/components/rooms/copy-button";
import { useOrigin } from "@/components/rooms/use-origin";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { ConfirmAction } from "./confirm-action";
import { QrCode } from "./qr-code";

type Props = { rollCallId: string; entryId: string; personName: string; link: string; usable: boolean; manage: boolean };

/** One person's link: copy it, show it as a QR code, or revoke it and issue a new one. */
export function LinkActions({ rollCallId, entryId, personName, link, usable, manage }: Props) {
  const t = useTranslations("rollcall.detail");
  const common = useTranslations("common");
  const url = `${useOrigin()}${link}`;
  const [qrOpen, setQrOpen] = useState(false);
  const path = `/api/v1/rollcalls/${rollCallId}/entries/${entryId}/link`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {usable && (
        <>
          <CopyButton text={url} label={t("linkOf", { name: personName })} />
          <Button variant="secondary" onClick={() => setQrOpen(true)} aria-label={`${t("qr")} ${personName}`}>
            {t("qr")}
          </Button>
          <ModalDialog
            open={qrOpen}
            onClose={() => setQrOpen(false)}
            title={t("qrTitle", { name: personName })}
            footer={
              <Button variant="secondary" onClick={() => setQrOpen(false)}>
                {t("close")}
              </Button>
            }
          >
            <div className="flex flex-col items-center gap-3">
              <QrCode text={url} label={t("qrTitle", { name: personName })} failedText={t("qrFailed")} />
              <p className="w-full break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-700" data-testid="qr-link">
                {url}
              </p>
              <p className="text-sm text-slate-600">{t("qrHint")}</p>
            </div>
          </ModalDialog>
        </>
      )}
      {manage && (
        <>
          <ConfirmAction
            label={t("reissue")}
            ariaLabel={`${t("reissue")} ${personName}`}
            title={t("reissueConfirmTitle", { name: personName })}
            body={t("reissueConfirmBody")}
            confirmLabel={t("reissue")}
            cancelLabel={common("cancel")}
            path={path}
            requestBody={{ reissue: true }}
            doneMessage={t("linkReissued", { name: personName })}
          />
          {usable && (
            <ConfirmAction
              label={t("revoke")}
              ariaLabel={`${t("revoke")} ${personName}`}
              variant="ghost"
              title={t("revokeConfirmTitle", { name: personName })}
              body={t("revokeConfirmBody")}
              confirmLabel={t("revoke")}
              cancelLabel={common("cancel")}
              path={path}
              requestBody={{ reissue: false }}
              doneMessage={t("linkRevoked", { name: personName })}
            />
          )}
        </>
      )}
    </div>
  );
}
