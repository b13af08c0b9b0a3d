import { useTranslations } from "next-intl";
import { StatusScreen } from "@/components/call/status-screen";
import type { LinkRefusal } from "@/lib/client/rollcall-link";

/** A link that cannot be used: what happened and whom to turn to. No way onward from here. */
export function LinkRefusalScreen({ reason }: { reason: LinkRefusal }) {
  const t = useTranslations("rollcallLink.refusal");
  return (
    <StatusScreen title={t(`${reason}.title`)} testId="link-refusal" tone="warning">
      <p className="text-base leading-relaxed text-slate-700" data-reason={reason}>
        {t(`${reason}.body`)}
      </p>
    </StatusScreen>
  );
}
