import { useTranslations } from "next-intl";
import type { MicStatus } from "./call-tiles";
import { MicIcon } from "./icons";

/** Nothing while the microphone is live; a struck-through microphone when it is not. */
export function MicBadge({ status }: { status: MicStatus }) {
  const t = useTranslations("call");
  if (status === "on") return null;
  const label = status === "moderator" ? t("micMutedByHost") : t("micOff");
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={`inline-flex size-6 shrink-0 items-center justify-center rounded-full ${status === "moderator" ? "bg-amber-500" : "bg-red-600"}`}
    >
      <MicIcon off className="size-4" />
    </span>
  );
}
