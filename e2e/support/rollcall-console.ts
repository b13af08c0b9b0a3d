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

/**
 * The person's side, through the personal-link API: verify with the last 4 characters, then
 * redeem the link for a participant token (identity `person:<id>`). The token is handed to the
 * portal's call page through the tab's stored grant, the way a reload of a call tab resumes,
 * so the person's browser really joins, publishes its fake camera and sees what persons see.
 */
export async function joinAsPerson(page: Page, officer: Page, rollCallId: string, person: RosterPerson): Promise<void> {
  const verified = await page.request.post(`/api/v1/r/${person.token}/verify`, { data: { idLast4: person.idLast4 } });
  expect(verified.status(), await verified.text()).toBe(200);
  const { ticket } = await verified.json();
  const joined = await page.request.post(`/api/v1/r/${person.token}/join`, { data: { ticket } });
  expect(joined.status(), await joined.text()).toBe(200);
  const grant = await joined.json();
  const rollCall = await (await officer.request.get(`/api/v1/rollcalls/${rollCallId}`)).json();
  expect(rollCall.state).toBe("live");
  const room = await (await officer.request.get(`/api/v1/rooms/${grant.room.id}`)).json();
  const code = String(room.guestLink).split("/").pop()!;
  await page.addInitScript(
    ([key, value]) => sessionStorage.setItem(key!, value!),
    [`ygav.call.code:${code}`, JSON.stringify({ grant, devices: { audioId: null, videoId: null } })],
  );
  await page.goto(`/join/${code}`);
}
