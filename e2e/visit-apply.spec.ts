import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { freshIdNumber, signIn } from "./support/portal.ts";
import { zh } from "./support/messages.ts";

// A real 8×8 PNG (a photo of a household register, as far as the portal can tell: PNG by its bytes).
const PROOF_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7TH1AAAAAElFTkSuQmCC",
  "base64",
);
const ALL_DAY = Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["00:00", "24:00"]]]));

/** Declares a 2-minute-slot room or terminal through the API as a signed-in officer (the e2e portal allows 1-minute minimums). */
async function declareRoom(request: APIRequestContext, username: string, unitName: string, name: string) {
  const login = await request.post("/api/v1/auth/login", { data: { username, password: "Sunshine#2026" } });
  expect(login.status()).toBe(200);
  const csrf = (await login.json()).csrfToken as string;
  const units = await (await request.get("/api/v1/units")).json();
  const find = (node: { id: string; name: string; children?: unknown[] }): string | undefined =>
    node.name === unitName ? node.id : (node.children as Array<typeof node> | undefined)?.map(find).find(Boolean);
  const created = await request.post("/api/v1/visit-rooms", {
    data: { unitId: find(units), name, openingHours: ALL_DAY, slotMinutes: 2 },
    headers: { "x-csrf-token": csrf },
  });
  if (created.status() !== 201 && created.status() !== 409) throw new Error(`declare room: ${created.status()} ${await created.text()}`);
}

async function openStatus(page: Page, code: string, idNumber: string) {
  await page.goto(`/visit/status/${code}`);
  await page.getByLabel(zh.visits.status.last4).fill(idNumber.slice(-4));
  await page.getByRole("button", { name: zh.visits.status.check }).click();
  await expect(page.getByTestId("visit-status")).toBeVisible();
}

test("a family applies on a phone; the facility approves and books a 2-minute slot a minute ahead; the status page shows the time and an .ics", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const tag = Date.now().toString(36).slice(-4);
  await declareRoom(api, "gm.officer", "高明区司法局", `e2e会见室${tag}`);
  const apiFacility = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await declareRoom(apiFacility, "jy1.officer", "广东省第一监狱", `e2e终端${tag}`);

  // 1. The family, on a 375-px phone, with no account.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const family = await phone.newPage();
  await family.goto("/visit/apply");
  const idNumber = freshIdNumber();
  await family.getByRole("textbox", { name: zh.visits.apply.name, exact: true }).fill("张秀兰");
  await family.getByRole("textbox", { name: zh.visits.apply.idNumber, exact: true }).fill(idNumber);
  await family.getByLabel(zh.visits.apply.phone).fill("13800138000");
  await family.getByLabel(zh.visits.apply.heldName).fill("陈国栋");
  await family.getByLabel(zh.visits.apply.facility).selectOption({ label: "广东省第一监狱" });
  await family.getByRole("combobox", { name: zh.visits.apply.room, exact: true }).selectOption({ label: `高明区司法局 · e2e会见室${tag}` });
  await family.locator("[data-slot]").first().click();
  await family.getByLabel(zh.visits.apply.proof).setInputFiles({ name: "户口簿.png", mimeType: "image/png", buffer: PROOF_PNG });
  // Nothing on the page is wider than the phone.
  expect(await family.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await family.getByRole("button", { name: zh.visits.apply.submit }).click();
  const code = (await family.getByTestId("application-code").textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{10}$/);
  await family.screenshot({ path: test.info().outputPath("applied-375.png") });
  await family.getByRole("link", { name: zh.visits.apply.openStatus }).click();
  await family.getByLabel(zh.visits.status.last4).fill(idNumber.slice(-4));
  await family.getByRole("button", { name: zh.visits.status.check }).click();
  await expect(family.getByTestId("visit-state")).toHaveAttribute("data-state", "submitted");
  await expect(family.getByTestId("visit-ics")).toHaveCount(0);

  // 2. The facility officer: the queue, the proof inline, another free slot (the next, a minute or two ahead), a terminal, book.
  const desk = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const officer = await desk.newPage();
  await signIn(officer, "jy1.officer");
  await officer.goto("/visits");
  await officer.getByRole("link", { name: code }).click();
  const proof = officer.getByTestId("visit-proof");
  await expect(proof).toBeVisible();
  expect(await proof.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
  await officer.screenshot({ path: test.info().outputPath("review.png"), fullPage: true });
  await officer.getByText(zh.visits.decide.otherSlot).click();
  const next = officer.getByTestId("decision-panel").locator("[data-slot]").first();
  const startsAt = (await next.getAttribute("data-slot"))!;
  await next.click();
  await officer.getByLabel(zh.visits.decide.terminal).selectOption({ label: `e2e终端${tag}` });
  await officer.getByTestId("book-visit").click();
  await expect(officer.getByTestId("visit-record")).toHaveAttribute("data-state", "booked");
  const lead = Date.parse(startsAt) - Date.now();
  expect(lead).toBeGreaterThan(0);
  expect(lead).toBeLessThan(4 * 60_000);

  // 3. The family's status page now shows the booked time and offers the .ics.
  await openStatus(family, code, idNumber);
  await expect(family.getByTestId("visit-state")).toHaveAttribute("data-state", "booked");
  await expect(family.getByTestId("visit-time")).toBeVisible();
  const ics = await family.request.get((await family.getByTestId("visit-ics").getAttribute("href"))!);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const body = await ics.text();
  expect(body).toContain("BEGIN:VEVENT");
  expect(body).toContain(`DTSTART;TZID=Asia/Shanghai:`);
  await family.screenshot({ path: test.info().outputPath("booked-375.png"), fullPage: true });
  await Promise.all([phone.close(), desk.close(), api.dispose(), apiFacility.dispose()]);
});
