"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-styles";
import type { EndReason } from "@/lib/media-client/call-state";
import { StatusScreen } from "./status-screen";

type Outcome = "left" | "removed" | "rejected" | "closed" | "expired" | "locked" | "forbidden";
type Action = "rejoin" | "openAgain" | "retry" | null;

const CLOSE_CODES = ["empty", "closed_by_portal", "worker_died", "on_time", "terminated"] as const;

/** Why the call ended decides what we say and what the person can do next. */
function outcomeOf(reason: EndReason): { outcome: Outcome; detail: string; action: Action } {
  switch (reason.kind) {
    case "left":
      return { outcome: "left", detail: "", action: "rejoin" };
    case "removed":
      return { outcome: "removed", detail: reason.message, action: null };
    case "rejected":
      return { outcome: "rejected", detail: reason.message, action: null };
    case "closed":
      return { outcome: "closed", detail: reason.message, action: null };
    case "refused":
      if (reason.code === "room_locked") return { outcome: "locked", detail: "", action: "retry" };
      if (reason.code === "room_closed") return { outcome: "closed", detail: "", action: null };
      if (reason.code === "forbidden") return { outcome: "forbidden", detail: reason.message, action: null };
      // unauthenticated: the token expired (or was refused): a fresh one comes from the link.
      return { outcome: "expired", detail: "", action: "openAgain" };
  }
}

export function EndedScreen({ reason, onRestart, backHref }: { reason: EndReason; onRestart: () => void; backHref: string | null }) {
  const t = useTranslations("call.ended");
  const tRooms = useTranslations("rooms");
  const { outcome, detail, action } = outcomeOf(reason);
  const closeCode = CLOSE_CODES.find((code) => code === detail);
  const shownDetail = closeCode ? tRooms(`closeReason.${closeCode}`) : detail;
  return (
    <StatusScreen title={t(`${outcome}.title`)} testId="ended-screen" tone={outcome === "left" ? "info" : "warning"}>
      <div data-outcome={outcome} className="flex flex-col gap-2">
        {shownDetail && (
          <p className="font-medium text-slate-800" data-testid="ended-reason">
            {t("reason", { reason: shownDetail })}
          </p>
        )}
        <p>{t(`${outcome}.body`)}</p>
      </div>
      <div className="flex flex-wrap justify-center gap-2">
        {action && <Button onClick={onRestart}>{t(action)}</Button>}
        {backHref && (
          <Link href={backHref} className={buttonClass("secondary")}>
            {t("backToRoom")}
          </Link>
        )}
      </div>
    </StatusScreen>
  );
}
