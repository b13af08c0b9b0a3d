import { expect, type Page } from "@playwright/test";
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
