import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { newParticipant } from "./call.ts";
import { zh } from "./messages.ts";
import { DEMO_PASSWORD, freshIdNumber } from "./portal.ts";

// A visit day as the e2e specs drive it: a home visit booked through the API in a 2-minute (or
// shorter) slot of a fresh terminal (the e2e portal allows 1-minute slots) starting on the first
// whole minute after a lead, the family's phone through its personal link, the held person's
// terminal and the officer's unseen monitor.

const PROOF_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7TH1AAAAAElFTkSuQmCC";
const ALL_DAY = Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["00:00", "24:00"]]]));
export const SLOT_MS = 2 * 60_000;

type RequestFactory = { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } };

/** A staff member's API session on `api` (signed in, with the CSRF token for writes); the bench uses it too. */
export async function signInStaff(api: APIRequestContext, username: string) {
  const login = await api.post("/api/v1/auth/login", { data: { username, password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`sign-in of ${username} failed: ${login.status()}`);
  const csrf = (await login.json()).csrfToken as string;
  const send = async (method: "POST" | "PATCH", url: string, data?: unknown) => {
    const response = await api.fetch(url, { method, data, headers: { "x-csrf-token": csrf } });
    const body = await response.json().catch(() => null);
    if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${JSON.stringify(body)}`);
    return body;
  };
  return { api, send, get: async (url: string) => (await api.get(url)).json() };
}

/** A staff member's API session in a request context of its own. */
export async function staffApi(playwright: RequestFactory, username: string) {
  return signInStaff(await playwright.request.newContext({ baseURL: test.info().project.use.baseURL }), username);
}

export type Staff = Awaited<ReturnType<typeof staffApi>>;

export interface BookedVisit {
  id: string;
  code: string;
  heldId: string;
  idNumber: string;
  participantId: string;
  startsAt: number;
  endsAt: number;
}

/** Where the family sits: at home (the facility's terminals' grid) or in a center's room (that room's grid). */
export type VisitPlace = { fromHome: true } | { fromHome: false; roomId: string };

/**
 * A visit booked through the API on a fresh terminal with `slotMinutes`-long slots (the e2e portal
 * allows 1 minute), in a slot that starts at least `leadMs` from now: from home on the first whole
 * minute after it (the terminal's grid is opened there), so a spec that waits for the node's end
 * waits at most a minute longer than its lead. A center visit's slot is the grid of its room
 * (`place.roomId`, open from midnight), which the terminal must also be open over.
 */
export async function bookVisit(
  facility: Staff,
  family: APIRequestContext,
  options: { heldName: string; relationship: string; leadMs: number; tag: string; slotMinutes?: number; place?: VisitPlace },
): Promise<BookedVisit> {
  const slotMinutes = options.slotMinutes ?? SLOT_MS / 60_000;
  const place = options.place ?? { fromHome: true };
  const units = await facility.get("/api/v1/units");
  const find = (node: { id: string; name: string; children?: unknown[] }): string | undefined =>
    node.name === "广东省第一监狱" ? node.id : (node.children as Array<typeof node> | undefined)?.map(find).find(Boolean);
  const facilityId = find(units)!;
  const slotMs = slotMinutes * 60_000;
  // From home the fresh terminal's grid is the slot's: it opens on the first whole minute after
  // the lead, so a 2-minute slot starts 0–59 s after the lead, not up to 2 minutes after. A
  // center visit takes its room's grid (open all day from midnight).
  const startMs = place.fromHome ? firstWholeMinuteSlot(Date.now() + options.leadMs, slotMs) : Math.ceil((Date.now() + options.leadMs) / slotMs) * slotMs;
  const openingHours = place.fromHome ? openFrom(startMs, slotMinutes) : ALL_DAY;
  const terminal = await facility.send("POST", "/api/v1/visit-rooms", { unitId: facilityId, name: `e2e会见终端${options.tag}`, openingHours, slotMinutes });
  const held = (await facility.get("/api/v1/held-persons")).items.find((p: { name: string }) => p.name === options.heldName);
  await facility.send("PATCH", `/api/v1/held-persons/${held.id}`, { visitsPerMonth: 31, homeVisitsAllowed: true });
  const startsAt = new Date(startMs).toISOString();
  const idNumber = freshIdNumber();
  const applied = await family.post("/api/v1/visit/apply", {
    data: { name: "张秀兰", idNumber, phone: "13800138000", relationship: options.relationship, heldPersonName: options.heldName, facilityId, ...place, preferredSlots: [startsAt], coVisitors: [], proofBase64: PROOF_PNG },
  });
  expect(applied.status(), await applied.text()).toBe(201);
  const { code } = await applied.json();
  const visit = (await facility.get("/api/v1/visits?state=submitted")).items.find((v: { code: string }) => v.code === code);
  const booked = await facility.send("POST", `/api/v1/visits/${visit.id}/book`, { startsAt, terminalId: terminal.id, version: 1 });
  const record = await facility.get(`/api/v1/visits/${visit.id}`);
  return {
    id: visit.id as string,
    code: code as string,
    heldId: held.id as string,
    idNumber,
    participantId: record.participants[0].id as string,
    startsAt: Date.parse(startsAt),
    endsAt: Date.parse(booked.endsAt),
  };
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The first whole minute at or after `at` (epoch ms) whose slot ends by midnight in China time (else the next midnight). */
function firstWholeMinuteSlot(at: number, slotMs: number): number {
  const start = Math.ceil(at / 60_000) * 60_000;
  const midnight = Math.ceil((start + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
  return start + slotMs <= midnight ? start : midnight;
}

/** Opening hours every day (China time) whose slot grid has a slot starting at `startMs`: opened at the minute of the grid it falls on. */
function openFrom(startMs: number, slotMinutes: number): Record<string, Array<[string, string]>> {
  const minuteOfDay = Math.round(((startMs + CHINA_OFFSET_MS) % DAY_MS) / 60_000);
  const offset = minuteOfDay % slotMinutes;
  const open = `${String(Math.floor(offset / 60)).padStart(2, "0")}:${String(offset % 60).padStart(2, "0")}`;
  return Object.fromEntries(Object.keys(ALL_DAY).map((day) => [day, [[open, "24:00"]]]));
}

/** A room (会见室) with all-day `slotMinutes` slots at the center whose officer `center` is. */
export async function centerRoom(center: Staff, tag: string, slotMinutes: number): Promise<{ id: string; unitId: string }> {
  const units = await center.get("/api/v1/units");
  const room = await center.send("POST", "/api/v1/visit-rooms", { unitId: units.id, name: `e2e会见室${tag}`, openingHours: ALL_DAY, slotMinutes });
  return { id: room.id as string, unitId: units.id as string };
}

/**
 * The family's phone: link → last 4 → device check → snapshot → waiting room. `prepare` runs on
 * the new context before the link opens (e.g. to record its peer connections).
 */
export async function familyJoins(browser: Browser, link: string, idNumber: string, prepare?: (context: BrowserContext) => Promise<void>): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newParticipant(browser, { phone: true });
  await prepare?.(context);
  await page.goto(link);
  await page.getByLabel(zh.visitDay.link.idLast4).fill(idNumber.slice(-4));
  await page.getByRole("button", { name: zh.visitDay.link.verify }).click();
  await expect(page.getByTestId("camera-preview").locator("video")).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: zh.visitDay.link.deviceNext }).click();
  await page.getByRole("button", { name: zh.visitDay.link.snapshotTake }).click();
  await expect(page.getByTestId("visit-waiting")).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  return { context, page };
}

/** A facility officer's page: the held person's terminal (device check, join, waiting room). */
export async function terminalJoins(context: BrowserContext, visitId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/visits/${visitId}/terminal`);
  await doorJoins(page);
  return page;
}

/** A staff door already open (the facility's terminal or the center's room): device check, join, waiting room. */
export async function doorJoins(page: Page): Promise<void> {
  const join = page.getByRole("button", { name: zh.join.join, exact: true });
  await expect(join).toBeEnabled({ timeout: 20_000 });
  await join.click();
  await expect(page.getByTestId("lobby-screen")).toBeVisible({ timeout: 30_000 });
}

/** The officer's monitor: waits until both sides are in the waiting room (and `notBefore`, if given) and starts the visit. */
export async function monitorStarts(context: BrowserContext, visitId: string, notBefore = 0): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/visits/${visitId}/monitor`);
  const start = page.getByRole("button", { name: zh.visitDay.staff.start });
  await expect(start).toBeEnabled({ timeout: 30_000 });
  if (notBefore > Date.now()) await page.waitForTimeout(notBefore - Date.now());
  await start.click();
  return page;
}
