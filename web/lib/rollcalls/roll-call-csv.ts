import type { Actor } from "../auth/actor.ts";
import { getRollCallDetail } from "./get-roll-call.ts";

const STATUS_ZH = { pending: "未到", present: "已到", late: "迟到", excused: "请假", absent: "缺席" } as const;

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "");

/** The roll call's record as CSV: UTF-8 with a BOM, so that Excel opens the Chinese correctly. */
export async function rollCallCsv(actor: Actor, rollCallId: string): Promise<{ filename: string; body: string }> {
  const detail = await getRollCallDetail(actor, rollCallId);
  const header = ["姓名", "司法所", "状态", "加入时间", "标记时间"];
  const rows = detail.entries.map((e) => [e.personName, e.unitName, STATUS_ZH[e.status], time(e.joinedAt), time(e.markedAt)]);
  const body = "\uFEFF" + [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
  const date = detail.startsAt.slice(0, 10);
  return { filename: `点名记录-${detail.title}-${date}.csv`, body };
}
