import type { Actor } from "../auth/actor.ts";
import { chinaDay } from "../checkin/windows-today.ts";
import { faceMatchText } from "../faces/face-match-text.ts";
import { csvRows } from "../http/csv.ts";
import { getRollCallDetail } from "./get-roll-call.ts";

const STATUS_ZH = { pending: "未到", present: "已到", late: "迟到", excused: "请假", absent: "缺席", unverified: "待核验" } as const;
const HEAD_ZH: Record<string, string> = { left: "向左转头", right: "向右转头", nod: "点头" };
const VERDICT_ZH: Record<string, string> = { passed: "通过", failed: "不通过" };

type Challenge = { kind: string; value: string; result: string | null } | null;
const asked = (c: Challenge) => (!c ? "" : c.kind === "digits" ? `朗读数字 ${c.value}` : (HEAD_ZH[c.value] ?? c.value));
const verdict = (c: Challenge) => (!c ? "" : c.result ? (VERDICT_ZH[c.result] ?? c.result) : "未判定");

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "");

/**
 * The roll call's record as CSV: UTF-8 with a BOM, so that Excel opens the Chinese correctly. The
 * same columns as the summary page: status, times, the liveness challenge and its verdict, the
 * snapshot's face match, and where the snapshot is kept; then who marked (display name), the 请假
 * reason and its documents' hashes, the officer's remark, and a make-up call's (补点) result.
 */
export async function rollCallCsv(actor: Actor, rollCallId: string): Promise<{ filename: string; body: string }> {
  const detail = await getRollCallDetail(actor, rollCallId);
  const header = ["姓名", "司法所", "状态", "加入时间", "应答时间", "活体验证", "验证结果", "抓拍", "人脸比对", "标记时间", "标记人", "请假事由", "请假材料 SHA-256", "备注", "补点"];
  const rows = detail.entries.map((e) => [
    e.personName,
    e.unitName,
    STATUS_ZH[e.status],
    time(e.joinedAt),
    time(e.answeredAt),
    asked(e.challenge),
    verdict(e.challenge),
    e.evidenceUrl ?? "",
    faceMatchText(e.faceMatch),
    time(e.markedAt),
    e.markedBy ?? "",
    e.status === "excused" ? (e.excuseReason ?? "未填写") : "",
    e.status === "excused" ? (e.attachments ?? []).map((a) => a.sha256).join(" ") : "",
    e.remark ?? "",
    e.makeUp ? `${STATUS_ZH[e.makeUp.status]} ${time(e.makeUp.at)}${e.makeUp.by ? ` ${e.makeUp.by}` : ""}` : "",
  ]);
  const body = "\uFEFF" + csvRows([header, ...rows]);
  // China time: a roll call at 07:00 in China is on the previous day in UTC.
  const date = chinaDay(new Date(detail.startsAt)).date;
  return { filename: `点名记录-${detail.title}-${date}.csv`, body };
}
