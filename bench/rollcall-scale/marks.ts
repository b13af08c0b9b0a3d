// Marks made while the console carries the full load, then read back through the API: "nothing an
// officer marked is ever lost" must hold at 50 tiles too.
import type { Page } from "@playwright/test";
import type { ConsoleKind } from "./console-page.ts";
import type { OfficerApi, RosterPerson } from "./roster.ts";

const STATUSES = ["present", "late", "excused", "absent"] as const;
type Status = (typeof STATUSES)[number];

export interface MarkResult {
  /** How the marks were made: the console's own controls, or the API from the officer's session. */
  via: "console" | "api";
  attempted: number;
  persisted: number;
  /** Time from the action to the page (or API) confirming it, per mark. */
  confirmMs: number[];
  failures: string[];
}

export function markDuringLoad(page: Page, officer: OfficerApi, rollCallId: string, roster: RosterPerson[], count: number, kind: ConsoleKind, spreadSeconds: number) {
  const chosen = roster.slice(0, count).map((person, i) => ({ person, status: STATUSES[i % STATUSES.length]! as Status }));
  const confirmMs: number[] = [];
  const failures: string[] = [];
  const via = kind === "console" ? "console" : "api";
  const markOne = async (person: RosterPerson, status: Status) => {
    const t0 = performance.now();
    if (via === "api") await officer.post(`/api/v1/rollcalls/${rollCallId}/entries/${person.entryId}/mark`, { status });
    else await markInConsole(page, person, status);
    confirmMs.push(performance.now() - t0);
  };
  return {
    /** The marks, spread over the sampling window. */
    async run() {
      const gap = (spreadSeconds * 1000) / (chosen.length + 1);
      for (const { person, status } of chosen) {
        await new Promise((resolve) => setTimeout(resolve, gap));
        await markOne(person, status).catch((error: Error) => failures.push(`${person.name}: ${error.message}`));
      }
    },
    /** Reads the roll call back from the portal: each mark must be there with its status. */
    async verify(): Promise<MarkResult> {
      const entries = new Map((await officer.rollCall(rollCallId)).entries.map((e) => [e.id, e]));
      let persisted = 0;
      for (const { person, status } of chosen) {
        const entry = entries.get(person.entryId);
        if (entry?.status === status && entry.markedAt) persisted++;
        else failures.push(`${person.name}: expected ${status}, the portal has ${entry?.status ?? "no entry"}`);
      }
      return { via, attempted: chosen.length, persisted, confirmMs, failures };
    },
  };
}

/** Filled in once the console's controls exist (wip/rc-console). */
async function markInConsole(_page: Page, person: RosterPerson, status: Status): Promise<void> {
  throw new Error(`no console controls to mark ${person.name} ${status} yet`);
}
