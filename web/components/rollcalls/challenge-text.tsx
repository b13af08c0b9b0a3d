import { useTranslations } from "next-intl";
import type { z } from "zod";
import type { ZRollCallEntry } from "@/lib/schemas/rollcalls";

type Challenge = z.infer<typeof ZRollCallEntry>["challenge"];

/** "朗读数字 4821 · 通过": what was asked and the officer's verdict. */
export function ChallengeText({ challenge, verdictOnly = false }: { challenge: Challenge; verdictOnly?: boolean }) {
  const t = useTranslations("rollcall.challenge");
  if (!challenge) return <span className="text-slate-400">{t("none")}</span>;
  const result = challenge.result === "passed" || challenge.result === "failed" ? challenge.result : "pending";
  const tone = result === "passed" ? "text-emerald-700" : result === "failed" ? "text-red-700" : "text-slate-500";
  const verdict = (
    <span className={`font-medium ${tone}`} data-challenge-result={result}>
      {t(result)}
    </span>
  );
  if (verdictOnly) {
    return (
      <span>
        {t("label")} {verdict}
      </span>
    );
  }
  const asked =
    challenge.kind === "digits"
      ? t("digits", { value: challenge.value })
      : t("head", { value: ["left", "right", "nod"].includes(challenge.value) ? t(`head_${challenge.value as "left" | "right" | "nod"}`) : challenge.value });
  return (
    <span>
      {asked} · {verdict}
    </span>
  );
}
