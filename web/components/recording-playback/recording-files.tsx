"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { z } from "zod";
import type { ZRecording } from "@/lib/schemas/recordings";
import { LegalHoldButton } from "./legal-hold-button";

/**
 * The archive's record of each file: who, what, when, how long, how it ended, the gap before it,
 * its SHA-256 and its hold. Everyone who may open the page sees this; download and hold are for
 * those who may play.
 */
export function RecordingFiles({ items, mayDownload }: { items: Array<z.infer<typeof ZRecording>>; mayDownload: boolean }) {
  const t = useTranslations("recording.files");
  const format = useFormatter();
  const time = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" });
  if (items.length === 0) return <p className="text-sm text-slate-500">{t("none")}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="recording-files">
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-1 py-3 text-sm" data-testid="recording-file" data-id={item.id} data-kind={item.kind}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-800">{item.name}</span>
            <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">{t(`kind.${item.kind === "audio" ? "audio" : "video"}`)} · {item.codec}</span>
            {item.legalHold && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("held")}</span>}
            {item.deletedAt && <span className="rounded bg-red-100 px-1.5 text-xs text-red-800">{t("deleted", { at: time(item.deletedAt) })}</span>}
          </div>
          <span className="text-slate-600">
            {item.firstPacketAt ? time(item.firstPacketAt) : "—"} · {t("duration", { seconds: Math.round(item.durationMs / 1000) })} · {t("size", { kb: Math.ceil(item.sizeBytes / 1024) })} ·{" "}
            {t(`endReason.${endReasonKey(item.endReason)}`)}
          </span>
          {item.gap && (
            <span className="text-amber-800" data-testid="recording-file-gap">
              {t("gapBefore", { from: time(item.gap.from), to: item.gap.to ? time(item.gap.to) : "—" })}
            </span>
          )}
          <code className="break-all text-xs text-slate-500" title="SHA-256">
            SHA-256 {item.sha256}
          </code>
          {mayDownload && !item.deletedAt && (
            <span className="flex flex-wrap items-center gap-2">
              <a href={`/api/v1/recordings/${encodeURIComponent(item.id)}/file`} download className="inline-flex min-h-9 items-center rounded-md bg-slate-100 px-3 text-slate-800 hover:bg-slate-200" data-testid="recording-download">
                {t("download")}
              </a>
              <LegalHoldButton recordingId={item.id} initial={item.legalHold} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

const END_REASONS = ["stopped", "producer_paused", "producer_closed", "writer_died", "storage_full", "privileged", "room_closed", "node_died"] as const;

function endReasonKey(reason: string): (typeof END_REASONS)[number] | "other" {
  return (END_REASONS as readonly string[]).includes(reason) ? (reason as (typeof END_REASONS)[number]) : "other";
}
