import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

/** POST as the signed-in staff member of `context`, with the CSRF header the API asks for. */
export async function staffPost(context: BrowserContext, request: APIRequestContext, path: string, data?: unknown) {
  const csrf = (await context.cookies()).find((cookie) => cookie.name === "ygav_csrf")?.value ?? "";
  return request.post(path, { headers: { "x-csrf-token": decodeURIComponent(csrf) }, ...(data === undefined ? {} : { data }) });
}

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
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const persons = await (await page.request.get(`/api/v1/persons?unitId=${me.unitId}`)).json();
  const chosen = persons.items.slice(0, count) as Array<{ id: string; name: string; idNumberMasked: string }>;
  expect(chosen).toHaveLength(count);
  const created = await staffPost(page.context(), page.request, "/api/v1/rollcalls", {
    title,
    unitId: me.unitId,
    startsAt: new Date(Date.now() + 60_000).toISOString(),
    graceMinutes: 5,
    durationMinutes: 30,
    livenessEnabled: true,
    personIds: chosen.map((person) => person.id),
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = (await created.json()).items[0].id as string;
  const detail = await (await page.request.get(`/api/v1/rollcalls/${id}`)).json();
  const people = chosen.map((person) => {
    const entry = detail.entries.find((e: { personId: string }) => e.personId === person.id);
    return { entryId: entry.id, personId: person.id, name: person.name, token: entry.link.replace(/^\/r\//, ""), idLast4: person.idNumberMasked.slice(-4) };
  });
  return { id, people };
}
