"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { SessionEvent } from "@/lib/recordings/session-timeline";

const ROLES = ["staff", "guest", "participant"] as const;
/** Who joined a visit, named by the portal's grant rather than the node's role. */
const VISIT_ROLES = ["visitor", "held", "socialWorker"] as const;
const RELATIONS = ["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other_relative", "lawyer"] as const;
const LEAVE_REASONS = ["left", "timeout", "removed"] as const;
const END_REASONS = ["closed_by_portal", "worker_died", "on_time", "terminated"] as const;
const MARKS = ["pending", "present", "late", "excused", "absent", "unverified"] as const;
const PRESETS = ["language", "topic", "conduct", "time", "camera", "identity"] as const;

const known = <T extends string>(list: readonly T[], value: string | undefined): T | undefined => list.find((item) => item === value);

const dot: Record<SessionEvent["kind"], string> = {
  joined: "bg-emerald-500",
  left: "bg-slate-400",
  started: "bg-brand-500",
  warning: "bg-amber-500",
  notice: "bg-sky-500",
  terminated: "bg-red-600",
  ended: "bg-slate-700",
  call: "bg-brand-200",
  mark: "bg-violet-500",
  storageFull: "bg-red-600",
};

/**
 * What happened in the session, oldest first, beside the players. With a player (`seek`), each
 * event inside the recording is a button that moves every track to that moment, and the event
 * at the current position is marked; without one (inspectors) it is a plain list.
 */
export function SessionTimelineList({
  events,
  startedAt,
  totalMs,
  positionMs,
  seek,
}: {
  events: SessionEvent[];
  /** Epoch ms of the recording's position 0; null when nothing can be played. */
  startedAt: number | null;
  totalMs: number;
  positionMs: number;
  seek?: (positionMs: number) => void;
}) {
  const t = useTranslations("recording.timeline");
  const tRooms = useTranslations("rooms");
  const tMark = useTranslations("rollcall.attendance");
  const tPreset = useTranslations("visitRoom.notice.preset");
  const tRelation = useTranslations("visits.relationship");
  const format = useFormatter();
  if (events.length === 0) return <p className="text-sm text-slate-500">{t("empty")}</p>;

  const said = (event: SessionEvent) => {
    const preset = known(PRESETS, event.code);
    return preset ? tPreset(preset) : (event.text ?? "");
  };
  const line = (event: SessionEvent): string => {
    const who = event.who ?? "—";
    const by = event.by ?? "—";
    switch (event.kind) {
      case "joined":
        return t("joined", { who, role: roleOf(event) });
      case "left":
        return t("left", { who, reason: tRooms(`leaveReason.${known(LEAVE_REASONS, event.code) ?? "other"}`) });
      case "started":
        return t("started");
      case "warning":
        return t("warning", { by, text: said(event) });
      case "notice":
        return t("notice", { by, text: said(event) });
      case "terminated":
        return t("terminated", { by, text: event.text || "—" });
      case "ended": {
        const reason = known(END_REASONS, event.code);
        return t("ended", { reason: reason ? tRooms(`closeReason.${reason}`) : (event.code ?? "—") });
      }
      case "call":
        return t("call", { by, who });
      case "mark": {
        const status = known(MARKS, event.code);
        return t(event.text ? "markOverride" : "mark", { by, who, status: status ? tMark(status) : (event.code ?? "—"), text: event.text ?? "" });
      }
      case "storageFull":
        return t("storageFull");
    }
  };
  const roleOf = (event: SessionEvent): string => {
    const visitRole = known(VISIT_ROLES, event.code);
    if (!visitRole) return tRooms(`peerRole.${known(ROLES, event.code) ?? "other"}`);
    const relation = known(RELATIONS, event.relation);
    if (visitRole === "visitor" && relation) return relation === "lawyer" ? tRelation(relation) : t("role.visitorAs", { relation: tRelation(relation) });
    return t(`role.${visitRole}`);
  };
  const offsetOf = (event: SessionEvent) => (startedAt === null ? null : Date.parse(event.at) - startedAt);
  // The event the players stand at: the last one at or before the position.
  let current = -1;
  if (seek && startedAt !== null) events.forEach((event, index) => (offsetOf(event)! <= positionMs ? (current = index) : null));

  return (
    <div className="flex min-w-0 flex-col gap-2">
      {seek && <p className="text-xs text-slate-500">{t("hint")}</p>}
      <ol className="flex max-h-[28rem] flex-col gap-1 overflow-y-auto" data-testid="session-timeline">
        {events.map((event, index) => {
          const offset = offsetOf(event);
          const inside = offset !== null && offset >= -1000 && offset <= totalMs + 1000;
          const time = format.dateTime(new Date(event.at), { timeStyle: "medium" });
          const body = (
            <>
              <span className={`mt-1.5 size-2.5 shrink-0 rounded-full ${dot[event.kind]}`} aria-hidden="true" />
              <span className="flex min-w-0 flex-col">
                <span className="text-xs tabular-nums text-slate-500">
                  {time}
                  {offset !== null && inside && ` · ${clock(Math.max(0, offset))}`}
                  {offset !== null && !inside && ` · ${offset < 0 ? t("beforeRecording") : t("afterRecording")}`}
                </span>
                <span className="break-words text-sm text-slate-800">{line(event)}</span>
              </span>
            </>
          );
          return (
            <li key={index} data-testid="timeline-event" data-kind={event.kind} data-offset-ms={offset ?? ""} aria-current={index === current ? "true" : undefined}>
              {seek && inside ? (
                <button
                  type="button"
                  onClick={() => seek(Math.max(0, Math.min(totalMs, offset!)))}
                  className={`flex min-h-10 w-full items-start gap-2 rounded-md px-2 py-1 text-left hover:bg-slate-100 ${index === current ? "bg-brand-50 ring-1 ring-brand-200" : ""}`}
                  aria-label={t("seekTo", { time, what: line(event) })}
                >
                  {body}
                </button>
              ) : (
                <div className="flex items-start gap-2 px-2 py-1 opacity-80">{body}</div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
