// Marks made while the console carries the full load, then read back through the API: "nothing an
// officer marked is ever lost" must hold at 50 tiles too.
import type { Page } from "@playwright/test";
import { zhCatalog as zh } from "../../web/messages/catalogs.ts";
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
  /** Console only: click on the name → spotlight shown, and key → roster says saved. */
  callMs: number[];
  keyToSavedMs: number[];
  /** Console only: the page's own requests (Resource Timing), start to response end. */
  requestMs: { call: number[]; mark: number[] };
  failures: string[];
}

export function markDuringLoad(page: Page, officer: OfficerApi, rollCallId: string, roster: RosterPerson[], count: number, kind: ConsoleKind, spreadSeconds: number) {
  const chosen = roster.slice(0, count).map((person, i) => ({ person, status: STATUSES[i % STATUSES.length]! as Status }));
  const confirmMs: number[] = [];
  const callMs: number[] = [];
  const keyToSavedMs: number[] = [];
  const failures: string[] = [];
  const via = kind === "console" ? "console" : "api";
  const markOne = async (person: RosterPerson, status: Status) => {
    const t0 = performance.now();
    if (via === "api") await officer.post(`/api/v1/rollcalls/${rollCallId}/entries/${person.entryId}/mark`, { status });
    else {
      const steps = await markInConsole(page, person, status);
      callMs.push(steps.callMs);
      keyToSavedMs.push(steps.keyToSavedMs);
    }
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
      const requestMs =
        via === "console"
          ? await page.evaluate(() => {
              const durations = (pattern: RegExp) =>
                performance
                  .getEntriesByType("resource")
                  .filter((e) => pattern.test(new URL(e.name).pathname))
                  .map((e) => e.duration);
              return { call: durations(/\/entries\/[^/]+\/call$/), mark: durations(/\/entries\/[^/]+\/mark$/) };
            })
          : { call: [], mark: [] };
      const entries = new Map((await officer.rollCall(rollCallId)).entries.map((e) => [e.id, e]));
      let persisted = 0;
      for (const { person, status } of chosen) {
        const entry = entries.get(person.entryId);
        if (entry?.status === status && entry.markedAt) persisted++;
        else failures.push(`${person.name}: expected ${status}, the portal has ${entry?.status ?? "no entry"}`);
      }
      return { via, attempted: chosen.length, persisted, confirmMs, callMs, keyToSavedMs, requestMs, failures };
    },
  };
}

/**
 * As an officer does it: a click on the name in the roster calls the person (spotlight), then the
 * keyboard shortcut marks them (1 present, 2 late, 3 excused, 4 absent); done when the roster
 * row says the mark is saved (the console saves each mark through the API at once).
 */
async function markInConsole(page: Page, person: RosterPerson, status: Status): Promise<{ callMs: number; keyToSavedMs: number }> {
  const row = page.locator(`[data-testid="roster-entry"][data-entry-id="${person.entryId}"]`);
  const t0 = performance.now();
  await row.getByRole("button", { name: zh.rollcallConsole.callNamed.replace("{name}", person.name) }).click();
  await page.locator(`[data-testid="spotlight"][data-entry-id="${person.entryId}"]`).waitFor({ timeout: 60_000 });
  const t1 = performance.now();
  await page.keyboard.press(String(STATUSES.indexOf(status) + 1));
  await row.locator('[data-testid="mark-state"][data-state="saved"]').waitFor({ timeout: 60_000 });
  return { callMs: t1 - t0, keyToSavedMs: performance.now() - t1 };
}
