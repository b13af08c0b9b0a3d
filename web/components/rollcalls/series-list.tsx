import Link from "next/link";
import type { z } from "zod";
import { displayState } from "@/lib/pages/roll-call-display";
import type { ZRollCallSummary } from "@/lib/schemas/rollcalls";
import { RollCallStateBadge } from "./roll-call-badges";
import { RollCallWindow } from "./roll-call-window";

/** The other occurrences of a recurring roll call, each its own record. */
export function SeriesList({ items, currentId, now }: { items: Array<z.infer<typeof ZRollCallSummary>>; currentId: string; now: Date }) {
  return (
    <ol className="flex flex-col gap-1 text-sm" data-testid="series-list">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center justify-between gap-2" data-rollcall-id={item.id}>
          {item.id === currentId ? (
            <span className="font-semibold text-slate-900" aria-current="page">
              <RollCallWindow startsAt={item.startsAt} endsAt={item.endsAt} />
            </span>
          ) : (
            <Link href={`/rollcalls/${item.id}`} className="inline-flex min-h-9 items-center text-brand-700 hover:underline">
              <RollCallWindow startsAt={item.startsAt} endsAt={item.endsAt} />
            </Link>
          )}
          <RollCallStateBadge state={displayState(item, now)} />
        </li>
      ))}
    </ol>
  );
}
