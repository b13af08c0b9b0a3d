import { expect, type Page } from "@playwright/test";
import { selfId } from "./call.ts";
import { scheduleRollCall as scheduleFor, staffApi, type TestPerson } from "./rollcall-link.ts";

export interface RosterPerson {
  entryId: string;
  personId: string;
  name: string;
  token: string;
  idLast4: string;
}

/**
 * Schedules a roll call through the API for the first `count` persons of the officer's own
 * office, starting in a minute; returns its id and each person's link and last-4 code.
 */
export async function scheduleRollCall(page: Page, title: string, count: number): Promise<{ id: string; people: RosterPerson[] }> {
  const api = await staffApi(page.context(), page.request);
  const me = await api.get<{ unitId: string }>("/api/v1/auth/me");
  const listed = await api.get<{ items: Array<{ id: string; name: string; idNumberMasked: string }> }>(`/api/v1/persons?unitId=${me.unitId}`);
  const chosen: TestPerson[] = listed.items.slice(0, count).map((p) => ({ id: p.id, name: p.name, idLast4: p.idNumberMasked.slice(-4) }));
  expect(chosen).toHaveLength(count);
  const { id, entries } = await scheduleFor(api, me.unitId, title, chosen, 1, { graceMinutes: 5 });
  const people = chosen.map((person) => ({
    entryId: entries[person.id]!.entryId,
    personId: person.id,
    name: person.name,
    token: entries[person.id]!.link.replace(/^\/r\//, ""),
    idLast4: person.idLast4,
  }));
  return { id, people };
}

/**
 * Issue 14: the officer starts a roll call that is not open yet. The console connects first
 * (prepare: token, socket, Device, both transports connected) and shows 开始点名; the click opens
 * the call and joins on that connection. Waits for the ready state, clicks, and waits until the
 * console's call has joined; returns the officer's peer id. The persons waiting on their links are
 * told by the portal when the open commits.
 */
export async function startRollCall(page: Page, rollCallId: string, readyTimeout = 30_000): Promise<string> {
  await page.goto(`/rollcalls/${rollCallId}/console`);
  return startOnConsole(page, readyTimeout);
}

/** The same, on a console the page is already showing or going to (after a click on 进入控制台). */
export async function startOnConsole(page: Page, readyTimeout = 30_000): Promise<string> {
  await expect(page.getByTestId("console-ready")).toHaveAttribute("data-ready", "true", { timeout: readyTimeout });
  await page.getByTestId("start-rollcall").click();
  await expect(page.getByTestId("rollcall-console")).toHaveAttribute("data-role", "host", { timeout: readyTimeout });
  return selfId(page);
}
