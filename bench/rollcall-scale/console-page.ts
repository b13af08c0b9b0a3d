// The officer's page under load: the roll-call console when the build has it, otherwise the
// plain call page of the roll call's room (the same call library and grid, without the roster).
import type { Page } from "@playwright/test";
import { zhCatalog as zh } from "../../web/messages/catalogs.ts";

export type ConsoleKind = "console" | "call-page";

type CallProbe = { __ygavCall?: { state(): { phase: string; tracks: Array<{ kind: string }> } } };

export async function openConsole(page: Page, { rollCallId, roomId }: { rollCallId: string; roomId: string }): Promise<ConsoleKind> {
  const response = await page.goto(`/rollcalls/${rollCallId}/console`);
  if (response?.ok()) return "console";
  await page.goto(`/rooms/${roomId}/call`);
  const join = page.getByRole("button", { name: zh.join.join, exact: true });
  await join.waitFor({ timeout: 30_000 });
  await page.waitForFunction((label) => [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === label && !b.disabled), zh.join.join, {
    timeout: 30_000,
  });
  await join.click();
  return "call-page";
}

/** Waits until the page's call has joined and holds `count` remote video tracks. */
export async function waitForVideoTracks(page: Page, count: number, timeoutMs = 90_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const state = (window as unknown as CallProbe).__ygavCall?.state();
      return state?.phase === "joined" && state.tracks.filter((t) => t.kind === "video").length >= n;
    },
    count,
    { timeout: timeoutMs, polling: 500 },
  );
}
