import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusScreen } from "@/components/call/status-screen";
import { RollCallConsole } from "@/components/rollcall-console/rollcall-console";
import { ConsoleEnded } from "@/components/rollcall-console/console-ended";
import { buttonClass } from "@/components/ui/button-styles";
import { requirePageActor } from "@/lib/auth/page-actor";
import { config } from "@/lib/config";
import { staffMediaUrl } from "@/lib/media/staff-media-url";
import { orNotFound } from "@/lib/pages/or-not-found";
import { consoleRole } from "@/lib/rollcalls/console-role";
import { consoleOpensAt } from "@/lib/rollcalls/console-opens-at";
import { findRollCallInScope } from "@/lib/rollcalls/get-roll-call";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcallConsole"))("title") };
}

/**
 * The console of one roll call. The officers of its unit (and whoever scheduled it) run it and
 * open the call from here (开始点名, once the console is connected); inspectors and staff of an ancestor unit watch a live one unseen.
 */
export default async function RollCallConsolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/rollcalls/${id}/console`);
  const rollCall = await orNotFound(findRollCallInScope(actor, id));
  const role = consoleRole(actor, rollCall);
  const t = await getTranslations("rollcallConsole");
  if (rollCall.state === "ended") return <ConsoleEnded rollCallId={rollCall.id} />;
  const opensAt = consoleOpensAt(rollCall);
  const early = role === "host" && rollCall.state === "scheduled" && opensAt > new Date();
  const opensAtText = early
    ? (await getTranslations("rollcallPass2"))("opensAt", {
        time: (await getFormatter()).dateTime(opensAt, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }),
        minutes: config().rollCalls.consoleLeadMinutes,
      })
    : null;
  const notice =
    rollCall.state === "cancelled"
      ? t("cancelledTitle")
      : role === "observer" && rollCall.state !== "live"
        ? t("observer.notLive")
        : opensAtText;
  if (notice) {
    return (
      <StatusScreen title={notice} testId={early ? "console-not-yet" : "console-unavailable"} tone="warning">
        <Link href={`/rollcalls/${rollCall.id}`} className={buttonClass("secondary")}>
          {t("back")}
        </Link>
      </StatusScreen>
    );
  }
  // A host whose roll call is not open yet gets the console ready first and opens with 开始点名.
  return <RollCallConsole rollCallId={rollCall.id} role={role} mediaUrl={staffMediaUrl(actor.unitPath)} open={rollCall.state === "live"} />;
}
