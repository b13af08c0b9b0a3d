"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { StatusScreen } from "./status-screen";

/** Waiting to be admitted: the page joins by itself once a host lets us in. */
export function LobbyScreen({ roomTitle, onLeave }: { roomTitle: string; onLeave: () => void }) {
  const t = useTranslations("call");
  const tJoin = useTranslations("join");
  return (
    <StatusScreen title={t("lobbyTitle")} testId="lobby-screen">
      <p className="font-medium text-slate-800">{tJoin("room", { title: roomTitle })}</p>
      <Spinner className="size-8 text-brand-600" />
      <p>{t("lobbyBody")}</p>
      <Button variant="secondary" onClick={onLeave}>
        {t("leave")}
      </Button>
    </StatusScreen>
  );
}
