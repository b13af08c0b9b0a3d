"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { CallState } from "@/lib/media-client/call-state";

type Challenge = NonNullable<CallState["challenge"]>;
type HeadMove = "left" | "right" | "nod";

const HEAD_MOVES: readonly HeadMove[] = ["left", "right", "nod"];

const icon = (children: ReactNode) => (
  <svg viewBox="0 0 48 48" className="size-20 shrink-0" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <circle cx="24" cy="22" r="9" />
    <path d="M16 40c2-5 14-5 16 0" />
    {children}
  </svg>
);

const HEAD_ICONS: Record<HeadMove, ReactNode> = {
  left: icon(<path d="M12 8H3m0 0 4-4M3 8l4 4" />),
  right: icon(<path d="M36 8h9m0 0-4-4m4 4-4 4" />),
  nod: icon(<path d="M41 10v14m0 0-4-4m4 4 4-4" />),
};

/**
 * The liveness challenge, on the called person's screen alone: four digits to read aloud or a
 * head movement. Big and plain, so it can be read at arm's length on a small phone.
 */
export function ChallengeCard({ challenge }: { challenge: Challenge }) {
  const t = useTranslations("rollcallLink.call");
  const move = HEAD_MOVES.find((m) => m === challenge.value);
  return (
    <section
      role="alert"
      data-testid="challenge-card"
      data-kind={challenge.kind}
      data-value={challenge.value}
      className="mx-3 flex flex-col items-center gap-2 rounded-xl bg-white px-4 py-4 text-center text-slate-900 shadow-2xl"
    >
      <h2 className="text-sm font-medium text-slate-500">{t("challengeTitle")}</h2>
      {challenge.kind === "digits" ? (
        <p className="flex flex-wrap items-baseline justify-center gap-x-2 text-xl font-semibold">
          <span>{t("readDigits")}</span>
          <span className="font-mono text-5xl font-bold text-brand-800" data-testid="challenge-digits">
            {challenge.value.split("").join(" ")}
          </span>
        </p>
      ) : move ? (
        <div className="flex items-center gap-3 text-brand-800">
          {HEAD_ICONS[move]}
          <div className="flex flex-col items-start gap-1 text-left">
            <p className="text-2xl font-bold" data-testid="challenge-move">
              {t(`head.${move}`)}
            </p>
            <p className="text-sm text-slate-600">{t("headHint")}</p>
          </div>
        </div>
      ) : null}
    </section>
  );
}
