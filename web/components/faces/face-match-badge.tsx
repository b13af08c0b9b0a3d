"use client";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import type { ZFaceMatch } from "@/lib/schemas/faces";

export type FaceMatch = z.infer<typeof ZFaceMatch>;

// Text colours on the console's dark stage and on white pages both meet 4.5:1 (slate-900 / white chips).
const TONE: Record<string, string> = {
  pass: "bg-emerald-100 text-emerald-900",
  review: "bg-amber-100 text-amber-900",
  fail: "bg-rose-100 text-rose-900",
  none: "bg-slate-100 text-slate-800",
};

/** The face match of a snapshot, shown next to the liveness verdict. */
export function FaceMatchBadge({ match }: { match: FaceMatch }) {
  const t = useTranslations("faces.match");
  let tone = "none";
  let text: string;
  if (match.status === "compared") {
    tone = match.verdict;
    text = t(match.verdict, { score: match.score.toFixed(2) });
  } else {
    tone = match.status === "not_enrolled" ? "none" : "review";
    text = t(match.status);
  }
  const title = match.status === "compared" ? t("hint", { pass: match.thresholds.pass, review: match.thresholds.review }) : undefined;
  return (
    <span className={`rounded px-2 py-1 text-sm font-medium ${TONE[tone]}`} title={title} data-testid="face-match" data-verdict={"verdict" in match ? match.verdict : match.status}>
      {t("label")}：{text}
    </span>
  );
}
