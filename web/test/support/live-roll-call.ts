import { expect } from "vitest";
import type { ApiClient } from "./api-client.ts";

/**
 * Schedules a roll call starting in a minute through the API and opens it, as the console does;
 * returns its id and its media room's id.
 */
export async function openLiveRollCall(officer: ApiClient, input: { title: string; unitId: string; personIds: string[]; graceMinutes?: number }) {
  const created = await officer.call("createRollCall", { body: { ...input, startsAt: new Date(Date.now() + 60_000).toISOString() } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.items[0].id as string;
  const opened = await officer.call("openRollCall", { params: { id } });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return { id, roomId: opened.body.grant.room.id as string };
}
