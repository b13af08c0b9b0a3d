import { useTranslations } from "next-intl";
import { InviteLink } from "./invite-link";

export function InviteLinks({ hostLink, guestLink }: { hostLink: string; guestLink: string }) {
  const t = useTranslations("rooms");
  return (
    <div className="flex flex-col gap-4">
      <InviteLink label={t("guestLink")} hint={t("guestLinkHint")} path={guestLink} testId="guest-link" />
      <InviteLink label={t("hostLink")} hint={t("hostLinkHint")} path={hostLink} testId="host-link" />
    </div>
  );
}
