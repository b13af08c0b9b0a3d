import type { FaceMatchResult } from "./compare-snapshot.ts";

const VERDICT_ZH = { pass: "通过", review: "需人工核验", fail: "不一致" } as const;
const STATUS_ZH = { no_face: "未检测到人脸，需人工核验", not_enrolled: "未采集人脸", unavailable: "比对不可用，需人工核验" } as const;

/** A face match in words for records on paper and in CSV (zh-CN): "相似度 0.72 通过". Empty when not compared. */
export function faceMatchText(match: FaceMatchResult | null | undefined): string {
  if (!match) return "";
  if (match.status === "compared") return `相似度 ${match.score.toFixed(2)} ${VERDICT_ZH[match.verdict]}`;
  return STATUS_ZH[match.status];
}
