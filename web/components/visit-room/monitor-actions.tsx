"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { controlProps, Field } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { CallSession } from "@/lib/media-client/call-session";
import {
  NOTICE_MAX_CHARS,
  NOTICE_PRESETS,
  TERMINATE_REASON_MAX_CHARS,
  ZNoticeRequest,
  ZTerminateRequest,
  type NoticePreset,
} from "../../../server/src/protocol/room-terms";

/**
 * The monitor's two room-wide actions: a notice to both sides (a preset or one line of text) and
 * termination with a required reason. The node validates with the same schemas and refuses
 * both without the moderate grant; the form only says early what the node would say.
 */
export function MonitorActions({ session }: { session: CallSession }) {
  const t = useTranslations("visitRoom.monitor");
  const tPreset = useTranslations("visitRoom.notice.preset");
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [terminateOpen, setTerminateOpen] = useState(false);
  const [preset, setPreset] = useState<NoticePreset | "">(NOTICE_PRESETS[0]);
  const [text, setText] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);

  const run = async (action: () => Promise<unknown>, done: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      done();
    } catch (failure) {
      setError(t("failed", { message: (failure as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const notice = ZNoticeRequest.safeParse(preset ? { preset } : { text });
  const terminate = ZTerminateRequest.safeParse({ reason });

  return (
    <div className="flex flex-wrap gap-2" data-testid="monitor-actions">
      <Button variant="secondary" onClick={() => { setSent(false); setNoticeOpen(true); }}>{t("sendNotice")}</Button>
      <Button variant="danger" onClick={() => setTerminateOpen(true)}>{t("terminate")}</Button>
      {sent && <span className="self-center text-sm text-emerald-700" role="status">{t("noticeSent")}</span>}

      <ModalDialog
        open={noticeOpen}
        onClose={() => setNoticeOpen(false)}
        title={t("sendNotice")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setNoticeOpen(false)}>{t("cancel")}</Button>
            <Button
              busy={busy}
              disabled={!notice.success}
              onClick={() => notice.success && void run(() => session.sendNotice(notice.data), () => { setNoticeOpen(false); setText(""); setSent(true); })}
            >
              {t("noticeSend")}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3">
          <Field id="notice-preset" label={t("noticeChoose")}>
            <select {...controlProps("notice-preset", undefined)} value={preset} onChange={(e) => setPreset(e.target.value as NoticePreset | "")}>
              {NOTICE_PRESETS.map((code) => <option key={code} value={code}>{tPreset(code)}</option>)}
              <option value="">{t("noticeCustom", { max: NOTICE_MAX_CHARS })}</option>
            </select>
          </Field>
          {preset === "" && (
            <Field id="notice-text" label={t("noticeCustom", { max: NOTICE_MAX_CHARS })} error={error}>
              <input {...controlProps("notice-text", error)} value={text} maxLength={NOTICE_MAX_CHARS} onChange={(e) => setText(e.target.value)} />
            </Field>
          )}
          {preset !== "" && error && <p className="text-sm text-red-700">{error}</p>}
        </div>
      </ModalDialog>

      <ModalDialog
        open={terminateOpen}
        onClose={() => setTerminateOpen(false)}
        title={t("terminate")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setTerminateOpen(false)}>{t("cancel")}</Button>
            <Button
              variant="danger"
              busy={busy}
              disabled={!terminate.success}
              onClick={() => terminate.success && void run(() => session.terminate(terminate.data.reason), () => setTerminateOpen(false))}
            >
              {t("terminateConfirm")}
            </Button>
          </>
        }
      >
        <Field id="terminate-reason" label={t("terminateReason")} required error={error ?? (reason && !terminate.success ? t("terminateReasonRequired") : undefined)}>
          <input {...controlProps("terminate-reason", error)} value={reason} maxLength={TERMINATE_REASON_MAX_CHARS} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </ModalDialog>
    </div>
  );
}
