import { useFormatter, useTranslations } from "next-intl";
import type { z } from "zod";
import type { ZRollCallEntry } from "@/lib/schemas/rollcalls";

type Entry = Pick<z.infer<typeof ZRollCallEntry>, "status" | "remark" | "excuseReason" | "markedBy" | "attachments" | "makeUp">;

const TYPE_NAMES: Record<string, string> = { "image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP", "application/pdf": "PDF" };

/**
 * The 备注 cell of the printed record: who marked (display name, as the record is signed), the
 * 请假 reason and its documents (by SHA-256, so the paper names the exact file kept), the remark.
 */
export function RecordNotes({ entry }: { entry: Entry }) {
  const t = useTranslations("rollcallPass2.record");
  const attendance = useTranslations("rollcall.attendance");
  const format = useFormatter();
  return (
    <span className="flex flex-col gap-0.5 text-[9.5pt]" data-testid="record-notes">
      {entry.markedBy && <span data-testid="record-marked-by">{t("markedBy", { name: entry.markedBy })}</span>}
      {entry.status === "excused" && (
        <span data-testid="record-reason">{entry.excuseReason ? t("reason", { text: entry.excuseReason }) : t("noReason")}</span>
      )}
      {entry.status === "excused" &&
        entry.attachments?.map((a) => (
          <span key={a.id} className="break-all" data-testid="record-attachment">
            {t("attachment", { type: TYPE_NAMES[a.mimeType] ?? a.mimeType, hash: a.sha256 })}
          </span>
        ))}
      {entry.makeUp && (
        <span className="font-semibold" data-testid="record-make-up" data-status={entry.makeUp.status}>
          {t("makeUp", {
            status: attendance(entry.makeUp.status),
            time: format.dateTime(new Date(entry.makeUp.at), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }),
            by: entry.makeUp.by ? t("makeUpBy", { name: entry.makeUp.by }) : "",
          })}
        </span>
      )}
      {entry.remark && <span data-testid="record-remark">{t("remark", { text: entry.remark })}</span>}
    </span>
  );
}
