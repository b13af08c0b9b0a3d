import { useFormatter, useTranslations } from "next-intl";
import type { TimelineEntry } from "@/lib/pages/room-timeline";

const PEER_ROLES = ["staff", "guest", "participant"] as const;
const LEAVE_REASONS = ["left", "timeout", "removed"] as const;
const CLOSE_REASONS = ["empty", "closed_by_portal", "worker_died", "on_time", "terminated"] as const;

const known = <T extends string>(list: readonly T[], value: string | undefined): T | undefined => list.find((item) => item === value);

const dot: Record<TimelineEntry["kind"], string> = {
  created: "bg-brand-500",
  joined: "bg-emerald-500",
  left: "bg-slate-400",
  closeRequested: "bg-red-500",
  closed: "bg-red-500",
};

/** Who came and went, and when the room closed: one line each, oldest first. */
export function RoomTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useTranslations("rooms");
  const format = useFormatter();
  if (entries.length === 0) return <p className="text-sm text-slate-500">{t("historyEmpty")}</p>;

  const line = (entry: TimelineEntry) => {
    const name = entry.who ?? "—";
    switch (entry.kind) {
      case "created":
        return t("timeline.created", { name });
      case "joined":
        return t("timeline.joined", { name, role: t(`peerRole.${known(PEER_ROLES, entry.role) ?? "other"}`) });
      case "left":
        return t("timeline.left", { name, reason: t(`leaveReason.${known(LEAVE_REASONS, entry.reason) ?? "other"}`) });
      case "closeRequested":
        return t("timeline.closeRequested", { name });
      case "closed": {
        const code = known(CLOSE_REASONS, entry.reason);
        // A host's own words (ending the meeting in the call) are shown as they wrote them.
        return t("timeline.closed", { reason: code ? t(`closeReason.${code}`) : (entry.reason ?? "—") });
      }
    }
  };

  return (
    <ol className="relative flex flex-col gap-3 border-l border-slate-200 pl-4" data-testid="room-timeline">
      {entries.map((entry, index) => (
        <li key={index} className="relative text-sm" data-kind={entry.kind}>
          <span className={`absolute -left-[1.3rem] top-1.5 size-2.5 rounded-full ring-2 ring-white ${dot[entry.kind]}`} aria-hidden="true" />
          <time dateTime={entry.at} className="block text-xs text-slate-500">
            {format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "medium" })}
          </time>
          <span className="text-slate-800">{line(entry)}</span>
        </li>
      ))}
    </ol>
  );
}
