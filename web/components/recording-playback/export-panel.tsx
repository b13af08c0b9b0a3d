"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ZRecordingExport } from "@/lib/schemas/recording-exports";

type Export = z.infer<typeof ZRecordingExport>;

const POLL_MS = 2000;

/**
 * "Export as one MP4": asks the portal for the composed file, shows the job's place (queued
 * behind another export, or its percentage while ffmpeg works), and once done the download with
 * its SHA-256. The job runs on the server; leaving the page does not stop it.
 */
export function ExportPanel({ roomId, initial }: { roomId: string; initial: Export | null }) {
  const t = useTranslations("recording.export");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const [job, setJob] = useState<Export | null>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = job?.state === "queued" || job?.state === "running";

  const refresh = useCallback(async () => {
    const result = await apiFetch<{ export: Export | null }>("GET", `/api/v1/rooms/${encodeURIComponent(roomId)}/recording-export`, undefined, { timeoutMs: 10_000 });
    if (result.ok) setJob(result.data.export);
  }, [roomId]);

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [pending, refresh]);

  async function request() {
    setBusy(true);
    setError(null);
    const result = await apiFetch<Export>("POST", `/api/v1/rooms/${encodeURIComponent(roomId)}/recording-export`, undefined, { timeoutMs: 15_000 });
    setBusy(false);
    if (result.ok) setJob(result.data);
    else setError(errorMessage(result.error));
  }

  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="export-panel" data-state={job?.state ?? "none"}>
      <p className="text-slate-600">{t("explain")}</p>
      {job?.state === "queued" && <p data-testid="export-status">{t("queued")}</p>}
      {job?.state === "running" && (
        <div className="flex flex-col gap-1" data-testid="export-status">
          <span>{t("running", { percent: job.progress })}</span>
          <progress className="h-2 w-full accent-brand-600" max={100} value={job.progress} aria-label={t("progress")} data-testid="export-progress" />
        </div>
      )}
      {job?.state === "done" && (
        <div className="flex flex-col gap-1" data-testid="export-status">
          <span>{t("done", { at: format.dateTime(new Date(job.finishedAt!), { dateStyle: "medium", timeStyle: "short" }), mb: ((job.sizeBytes ?? 0) / 1_048_576).toFixed(1) })}</span>
          <span className="break-all font-mono text-xs text-slate-500">SHA-256 {job.sha256}</span>
          <a href={`/api/v1/recording-exports/${encodeURIComponent(job.id)}/file`} className="inline-flex min-h-10 items-center text-brand-700 underline" data-testid="export-download">
            {t("download")}
          </a>
        </div>
      )}
      {job?.state === "failed" && (
        <p className="text-red-700" role="alert" data-testid="export-status">
          {t("failed")}
        </p>
      )}
      {job?.state === "deleted" && <p data-testid="export-status">{t("deleted")}</p>}
      {(job === null || job.state === "failed" || job.state === "deleted") && (
        <button
          type="button"
          onClick={() => void request()}
          disabled={busy}
          className="min-h-10 self-start rounded-md bg-slate-800 px-4 font-medium text-white hover:bg-slate-900 disabled:opacity-50"
          data-testid="export-request"
        >
          {job?.state === "failed" ? t("retry") : t("request")}
        </button>
      )}
      {error && (
        <p className="text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
