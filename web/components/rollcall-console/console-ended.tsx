import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-styles";
import { StatusScreen } from "@/components/call/status-screen";

/** After the end (by this officer, another one, or the window): where the record is. */
export function ConsoleEnded({ rollCallId }: { rollCallId: string }) {
  const t = useTranslations("rollcallConsole.ended");
  return (
    <StatusScreen title={t("title")} testId="console-ended">
      <p>{t("body")}</p>
      <Link href={`/rollcalls/${rollCallId}`} className={buttonClass("primary")}>
        {t("summary")}
      </Link>
    </StatusScreen>
  );
}
