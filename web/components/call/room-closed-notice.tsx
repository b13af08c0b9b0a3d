import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-styles";
import { StatusScreen } from "./status-screen";

/** A link to a room that has been closed: say so before anyone sets up a camera. */
export function RoomClosedNotice({ backHref }: { backHref: string | null }) {
  const t = useTranslations("join");
  return (
    <StatusScreen title={t("closedTitle")} testId="room-closed" tone="warning">
      <p>{t("closedBody")}</p>
      {backHref && (
        <Link href={backHref} className={buttonClass("secondary")}>
          {t("backToRoom")}
        </Link>
      )}
    </StatusScreen>
  );
}
