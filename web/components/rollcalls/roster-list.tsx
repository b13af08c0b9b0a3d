import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { z } from "zod";
import type { ZRollCallEntry } from "@/lib/schemas/rollcalls";
import { LinkActions } from "./link-actions";
import { AttendanceBadge, LinkStateBadge } from "./roll-call-badges";

type Entry = z.infer<typeof ZRollCallEntry>;

/**
 * The roster before and during the call: each person's status and personal link. Links and their
 * actions are shown to the officers who manage the roll call only.
 */
export function RosterList({ rollCallId, entries, showLinks, manage }: { rollCallId: string; entries: Entry[]; showLinks: boolean; manage: boolean }) {
  const t = useTranslations("rollcall.detail");
  const format = useFormatter();
  return (
    <ul className="divide-y divide-slate-100" data-testid="roster">
      {entries.map((entry) => (
        <li key={entry.id} data-entry-id={entry.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 lg:flex-row lg:items-center lg:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/persons/${entry.personId}`} className="font-medium text-brand-700 hover:underline">
                {entry.personName}
              </Link>
              <AttendanceBadge status={entry.status} />
              <LinkStateBadge state={entry.linkState} />
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              {entry.unitName}
              {showLinks && entry.linkState === "active" && (
                <> · {t("linkExpires", { at: format.dateTime(new Date(entry.linkExpiresAt), { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }) })}</>
              )}
            </p>
          </div>
          {showLinks && entry.link && (
            <LinkActions
              rollCallId={rollCallId}
              entryId={entry.id}
              personName={entry.personName}
              link={entry.link}
              usable={entry.linkState === "active"}
              manage={manage && entry.linkState !== "expired"}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
