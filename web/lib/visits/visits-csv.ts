import type { Actor } from "../auth/actor.ts";
import { csvRows } from "../http/csv.ts";
import type { TVisitListQuery } from "../schemas/visits.ts";
import { listVisits } from "./list-visits.ts";

const STATE = { submitted: "待审核", booked: "已预约", rejected: "未通过", cancelled: "已取消", in_progress: "进行中", ended: "已结束" } as const;
const KIND = { visit: "远程会见", help_education: "远程帮教" } as const;
const ENDED = { on_time: "按时结束", terminated: "被终止", connection_lost: "连接中断" } as const;

const china = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : "");

const chinaSeconds = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ") : "");

/** The visit list as CSV (UTF-8 with BOM, for Excel): the same rows and filters as the page. */
export async function visitsCsv(actor: Actor, query: TVisitListQuery): Promise<string> {
  const { items } = await listVisits(actor, query);
  const rows = [
    ["申请编号", "类型", "状态", "在押人员", "监所", "会见地点", "终端", "开始", "结束", "申请人", "关系", "人数", "结束方式", "律师会见", "提交时间", "实际开始", "实际结束", "时长（分钟）", "警告次数"],
    ...items.map((v) => [
      v.code,
      KIND[v.kind],
      STATE[v.state],
      v.heldPerson.name,
      v.facility.name,
      v.fromHome ? "在家" : v.familyRoom ? `${v.familyRoom.unitName} ${v.familyRoom.name}` : "",
      v.terminal?.name ?? "",
      china(v.startsAt),
      china(v.endsAt),
      v.applicant?.name ?? "",
      v.applicant?.relationship ?? "",
      String(v.visitors),
      v.endedHow ? ENDED[v.endedHow as keyof typeof ENDED] : "",
      v.privileged ? "是" : "否",
      china(v.createdAt),
      chinaSeconds(v.startedAt),
      chinaSeconds(v.endedAt),
      v.startedAt && v.endedAt ? String(Math.round((Date.parse(v.endedAt) - Date.parse(v.startedAt)) / 60_000)) : "",
      String(v.warningCount),
    ]),
  ];
  return `\uFEFF${csvRows(rows)}`;
}
