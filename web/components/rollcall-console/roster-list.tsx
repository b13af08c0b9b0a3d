"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { RosterEntry } from "./console-api";
import type { MarkQueue } from "./mark-queue";
import { MarkStateBadge } from "./mark-state-badge";
import { peerIdOfPerson, type DisplayStatus } from "./roster-model";
import { StatusChip } from "./status-chip";

/**
 * Everyone on the roster, joined or not, with status; a click on a name calls that person. Someone
 * who has not come can be marked 请假 from here, without calling them (nobody to spotlight).
 */
export function RosterList({ entries, statusOf, inRoom, calledId, queue, onCall, onExcuse, onRetry }: {
  entries: readonly RosterEntry[];
  statusOf: (entry: RosterEntry) => DisplayStatus;
  inRoom: ReadonlySet<string>;
  calledId: string | null;
  queue: MarkQueue;
  onCall: ((entry: RosterEntry) => void) | null;
  onExcuse: ((entry: RosterEntry) => void) | null;
  onRetry: (entryId: string) => void;
}) {
  const t = useTranslations("rollcallConsole");
  const attendance = useTranslations("rollcall.attendance");
  const format = useFormatter();
  return (
    <ul className="flex flex-col divide-y divide-white/10" data-testid="roster">
      {entries.map((entry) => {
        const online = inRoom.has(peerIdOfPerson(entry.personId));
        const status = statusOf(entry);
        const name = (
          <span className="flex min-w-0 items-center gap-2">
            <span className={`size-2 shrink-0 rounded-full ${online ? "bg-emerald-400" : "bg-slate-600"}`} title={online ? t("inRoom") : t("notInRoom")} />
            <span className="truncate font-medium">{entry.personName}</span>
          </span>
        );
        return (
          <li
            key={entry.id}
            className={`flex flex-col gap-1 px-3 py-2 ${entry.id === calledId ? "bg-white/10" : ""}`}
            data-testid="roster-entry"
            data-entry-id={entry.id}
            data-status={status}
            data-online={online || undefined}
          >
            <div className="flex items-center justify-between gap-2">
              {onCall ? (
                <button type="button" onClick={() => onCall(entry)} className="min-h-8 min-w-0 text-left hover:underline" aria-label={t("callNamed", { name: entry.personName })}>
                  {name}
                </button>
              ) : (
                name
              )}
              <StatusChip status={status} />
            </div>
            <div className="flex items-center justify-between gap-2 pl-4 text-xs text-slate-400">
              <span className="truncate">
                {entry.unitName}
                {entry.joinedAt && ` · ${t("joinedAt", { time: format.dateTime(new Date(entry.joinedAt), { hour: "2-digit", minute: "2-digit" }) })}`}
              </span>
              <span className="flex shrink-0 items-center gap-2">
                {onExcuse && !online && status === "pending" && !queue[entry.id] && (
                  <button
                    type="button"
                    onClick={() => onExcuse(entry)}
                    className="min-h-7 rounded border border-white/20 px-2 text-slate-200 hover:bg-white/10"
                    aria-label={t("excuseNamed", { name: entry.personName })}
                    data-testid="excuse"
                  >
                    {attendance("excused")}
                  </button>
                )}
                <MarkStateBadge queued={queue[entry.id]} onRetry={() => onRetry(entry.id)} />
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
