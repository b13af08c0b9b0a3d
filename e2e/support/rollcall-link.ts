import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { zh } from "./messages.ts";
import { freshIdNumber } from "./portal.ts";

export type ApiBody = { error?: { code: string; message: string; fields?: Record<string, string> } } | null;

/** The portal's API as a signed-in staff member (session cookie plus the CSRF header on writes). */
export interface StaffApi {
  get<T>(path: string): Promise<T>;
  post<T = unknown>(path: string, data?: unknown): Promise<T>;
  /** The raw response, for refusals. */
  send(method: "GET" | "POST", path: string, data?: unknown): Promise<{ status: number; body: ApiBody }>;
}

export async function staffApi(context: BrowserContext, request: APIRequestContext): Promise<StaffApi> {
  const csrf = (await context.cookies()).find((cookie) => cookie.name === "ygav_csrf")?.value;
  expect(csrf, "signed in first").toBeTruthy();
  const send = async (method: "GET" | "POST", path: string, data?: unknown) => {
    const response = await request.fetch(path, {
      method,
      headers: method === "POST" ? { "x-csrf-token": decodeURIComponent(csrf!), "content-type": "application/json" } : {},
      ...(method === "POST" ? { data: data ?? {} } : {}),
    });
    return { status: response.status(), body: (await response.json().catch(() => null)) as ApiBody };
  };
  const ok = async (method: "GET" | "POST", path: string, data?: unknown): Promise<unknown> => {
    const { status, body } = await send(method, path, data);
    expect(status, `${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
    return body;
  };
  return {
    get: <T,>(path: string) => ok("GET", path) as Promise<T>,
    post: <T,>(path: string, data?: unknown) => ok("POST", path, data) as Promise<T>,
    send,
  };
}

type UnitNode = { id: string; name: string; children: UnitNode[] };

function findUnit(node: UnitNode, name: string): UnitNode | undefined {
  if (node.name === name) return node;
  for (const child of node.children) {
    const found = findUnit(child, name);
    if (found) return found;
  }
  return undefined;
}

export async function unitId(api: StaffApi, name: string): Promise<string> {
  const unit = findUnit(await api.get<UnitNode>("/api/v1/units"), name);
  expect(unit, name).toBeTruthy();
  return unit!.id;
}

export interface TestPerson {
  id: string;
  name: string;
  idLast4: string;
}

/** A new supervised person whose ID number only this test knows. */
export async function createPerson(api: StaffApi, officeId: string, name: string): Promise<TestPerson> {
  const idNumber = freshIdNumber();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const person = await api.post<{ id: string }>("/api/v1/persons", {
    unitId: officeId,
    name,
    gender: "male",
    phone,
    supervisionType: "probation",
    startDate: "2026-01-01",
    endDate: "2027-12-31",
    idNumber,
  });
  return { id: person.id, name, idLast4: idNumber.slice(-4) };
}

export interface TestRollCall {
  id: string;
  /** By person id: the roster line and its personal link path (/r/<token>). */
  entries: Record<string, { entryId: string; link: string }>;
}

/** Schedules a roll call for these persons, as the scheduling page would: now, or minutes ahead. */
export async function scheduleRollCall(api: StaffApi, officeId: string, title: string, persons: TestPerson[], inMinutes = 0): Promise<TestRollCall> {
  const created = await api.post<{ items: Array<{ id: string }> }>("/api/v1/rollcalls", {
    title,
    unitId: officeId,
    startsAt: new Date(Date.now() + inMinutes * 60_000).toISOString(),
    graceMinutes: 10,
    durationMinutes: 30,
    livenessEnabled: true,
    personIds: persons.map((p) => p.id),
  });
  const id = created.items[0]!.id;
  const detail = await api.get<{ entries: Array<{ id: string; personId: string; link: string }> }>(`/api/v1/rollcalls/${id}`);
  return { id, entries: Object.fromEntries(detail.entries.map((e) => [e.personId, { entryId: e.id, link: e.link }])) };
}

export const wrongCode = (right: string) => (right === "0000" ? "1111" : "0000");

/** On the link page: type the code and submit. */
export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel(zh.rollcallLink.verify.label).fill(code);
  await page.getByRole("button", { name: zh.rollcallLink.verify.submit, exact: true }).click();
}

/** From the link to the waiting screen: the code, then the device preview. */
export async function verifyAndWait(page: Page, link: string, code: string): Promise<void> {
  await page.goto(link);
  await enterCode(page, code);
  const next = page.getByRole("button", { name: zh.rollcallLink.preview.next, exact: true });
  // Enabled once the fake camera and microphone are open.
  await expect(next).toBeEnabled({ timeout: 15_000 });
  await next.click();
  await expect(page.getByTestId("waiting-step")).toContainText(zh.rollcallLink.waiting.heading);
}
