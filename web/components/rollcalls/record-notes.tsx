import { useTranslations } from "next-intl";
import type { z } from "zod";
import type { ZRollCallEntry } from "@/lib/schemas/rollcalls";

type Entry = Pick<z.infer<typeof ZRollCallEntry>, "status" | "remark" | "excuseReason" | "markedBy" | "attachments">;

const TYPE_NAMES: Record<string, string> = { "image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP", "application/pdf": "PDF" };

/**
 * The 备注 cell of the printed record: who marked (display name, as the record is signed), the
 * 请假 reason and its documents (by SHA-256, so the paper names the exact file kept), the remark.
 */
export function RecordNotes({ entry }: { entry: Entry }) {
  const t = useTranslations("rollcallPass2.record");
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
      {entry.remark && <span data-testid="record-remark">{t("remark", { text: entry.remark })}</span>}
    </span>
  );
}
