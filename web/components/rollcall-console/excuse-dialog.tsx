"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { EXCUSE_ATTACHMENT_MAX_BYTES } from "@/lib/schemas/rollcalls";
import type { MarkNote, RosterEntry } from "./console-api";

const ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";

/**
 * 请假 is never one key alone: the officer writes why (kept with the mark, shown in the record),
 * may add a remark and a document (a sick note, a leave approval), which is uploaded once the
 * mark is saved. The server reads the document's type from its bytes; the size is checked here
 * first so the officer hears at once that a file is too large.
 */
export function ExcuseDialog({ entry, initialRemark, onSubmit, onClose }: {
  entry: RosterEntry | null;
  initialRemark: string;
  onSubmit: (note: Required<Pick<MarkNote, "excuseReason">> & MarkNote, file: File | null) => void;
  onClose: () => void;
}) {
  const t = useTranslations("rollcallPass2.excuse");
  const [reason, setReason] = useState("");
  const [remark, setRemark] = useState(initialRemark);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const field = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5";

  const submit = () => {
    if (!reason.trim()) return setProblem(t("reasonMissing"));
    if (file && file.size > EXCUSE_ATTACHMENT_MAX_BYTES) return setProblem(t("tooLarge"));
    onSubmit({ excuseReason: reason.trim(), ...(remark.trim() ? { remark: remark.trim() } : {}) }, file);
  };

  return (
    <ModalDialog
      open={entry !== null}
      onClose={onClose}
      title={t("title", { name: entry?.personName ?? "" })}
      footer={
        <>
          <button type="button" onClick={onClose} className="min-h-10 rounded-md border border-slate-300 px-3">
            {t("cancel")}
          </button>
          <button type="button" onClick={submit} className="min-h-10 rounded-md bg-sky-700 px-3 font-medium text-white hover:bg-sky-800" data-testid="excuse-submit">
            {t("submit")}
          </button>
        </>
      }
    >
      <form
        className="flex flex-col gap-3 text-sm"
        data-testid="excuse-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="block">
          <span className="font-medium">{t("reason")}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} required className={field} data-testid="excuse-reason" autoFocus />
        </label>
        <label className="block">
          <span className="font-medium">{t("remark")}</span>
          <input value={remark} onChange={(e) => setRemark(e.target.value)} maxLength={200} className={field} data-testid="excuse-remark" />
        </label>
        <label className="block">
          <span className="font-medium">{t("file")}</span>
          <input type="file" accept={ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="mt-1 block w-full" data-testid="excuse-file" />
        </label>
        {problem && (
          <p role="alert" className="text-red-700">
            {problem}
          </p>
        )}
      </form>
    </ModalDialog>
  );
}
