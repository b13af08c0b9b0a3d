import { expect, test, type Page } from "@playwright/test";
import { zh } from "./support/messages.ts";
import { formatMessage, signIn } from "./support/portal.ts";

// The officer's roll-call pages, one story on one database: gm.officer schedules a weekly series
// for three persons, manages links, edits one occurrence and cancels another; the record of a
// third is printed and counted; an inspector only reads, a sibling county sees nothing.
test.describe.configure({ mode: "serial" });

const rc = zh.rollcall;
const suffix = String(Date.now()).slice(-6);
const series = { title: `周点名 ${suffix}`, ids: [] as string[], persons: [] as string[] };

/** A date some days ahead on the portal's clock (UTC+8), as the date input wants it. */
function portalDateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A write through the portal's own API from the signed-in page, with its CSRF token. */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie.split("; ").find((c) => c.startsWith("ygav_csrf="))?.slice("ygav_csrf=".length) ?? "";
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": decodeURIComponent(csrf) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("an officer schedules a weekly roll call for three persons with the roster filters, and sees every occurrence", async ({ page }) => {
  // The longest story here: a whole form, filled the way an officer fills it, on a shared 2-core machine.
  test.setTimeout(120_000);
  await signIn(page, "gm.officer");
  await page.getByRole("link", { name: zh.nav.rollcalls }).first().click();
  await expect(page).toHaveURL(/\/rollcalls$/);
  await page.getByRole("link", { name: rc.create }).click();
  await expect(page).toHaveURL(/\/rollcalls\/new$/);

  // Nothing filled in: every missing part is named at once, and nothing is sent.
  await page.getByRole("button", { name: rc.form.submit }).click();
  await expect(page.locator('[data-field-error="title"]')).toHaveText(zh.fieldErrors.required);
  await expect(page.locator('[data-field-error="personIds"]')).toHaveText(rc.fieldErrors.roster_empty);

  await page.getByLabel(rc.field.title).fill(series.title);
  await page.getByLabel(rc.field.unit).selectOption({ label: "高明区司法局" });
  await page.getByLabel(rc.field.date).fill(portalDateIn(2));
  await page.getByLabel(rc.field.time).fill("09:30");
  await page.getByRole("radio", { name: rc.repeat.weekly }).check();
  // The start date's weekday is picked for the officer.
  await expect(page.getByRole("group", { name: rc.repeat.weekdays }).getByRole("checkbox", { checked: true })).toHaveCount(1);
  await page.getByLabel(rc.repeat.countValue, { exact: true }).fill("3");
  const preview = page.getByTestId("occurrence-preview");
  await expect(preview.getByText(formatMessage(rc.repeat.preview, { count: 3 }))).toBeVisible();
  await expect(preview.locator("li")).toHaveCount(3);
  const days = await preview.locator("li").evaluateAll((items) => items.map((li) => new Date(li.getAttribute("data-occurrence")!).getTime()));
  expect(days[1]! - days[0]!).toBe(7 * 86_400_000);

  const picker = page.getByTestId("roster-picker");
  await picker.getByLabel(rc.roster.office, { exact: true }).selectOption({ label: "荷城司法所" });
  const rows = picker.locator("label[data-person-id]");
  await expect(rows.filter({ hasNotText: "荷城司法所" })).toHaveCount(0);
  const type = picker.getByLabel(rc.roster.supervisionType, { exact: true });
  await type.selectOption({ label: zh.supervisionType.probation });
  await expect(rows.filter({ hasNotText: zh.supervisionType.probation })).toHaveCount(0);
  await type.selectOption({ label: rc.roster.allTypes });
  const shown = await rows.count();
  expect(shown).toBeGreaterThanOrEqual(3);
  await picker.getByRole("button", { name: formatMessage(rc.roster.selectAll, { count: shown }) }).click();
  await expect(picker.getByTestId("roster-selected")).toHaveText(formatMessage(rc.roster.selected, { count: shown }));
  await picker.getByRole("button", { name: rc.roster.clear }).click();
  await expect(picker.getByTestId("roster-selected")).toHaveText(formatMessage(rc.roster.selected, { count: 0 }));
  // Search by name narrows to one person; pick three in all.
  const firstName = (await rows.nth(0).locator("span.font-medium").textContent())!;
  await picker.getByLabel(rc.roster.search, { exact: true }).fill(firstName);
  await expect(rows.first()).toContainText(firstName);
  await rows.first().locator("input").check();
  await picker.getByLabel(rc.roster.search, { exact: true }).fill("");
  for (const index of [1, 2]) await rows.nth(index).locator("input").check();
  await expect(picker.getByTestId("roster-selected")).toHaveText(formatMessage(rc.roster.selected, { count: 3 }));
  series.persons = await picker.locator("label[data-person-id]:has(input:checked)").evaluateAll((labels) => labels.map((l) => l.getAttribute("data-person-id")!));
  expect(series.persons).toHaveLength(3);

  await page.getByRole("button", { name: rc.form.submit }).click();
  await expect(page).toHaveURL(/\/rollcalls\/[0-9a-f-]{36}\?created=3$/);
  await expect(page.getByText(formatMessage(rc.form.created, { count: 3 }))).toBeVisible();
  const seriesList = page.getByTestId("series-list");
  await expect(seriesList.locator("li")).toHaveCount(3);
  series.ids = await seriesList.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-rollcall-id")!));
  await expect(page.getByTestId("roster").locator("li")).toHaveCount(3);

  await page.goto("/rollcalls?when=upcoming");
  for (const id of series.ids) await expect(page.locator(`[data-rollcall-id="${id}"]`)).toBeVisible();
});

test("the officer copies a person's link, shows it as a QR code, and edits the title", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "gm.officer");
  await page.goto(`/rollcalls/${series.ids[0]}`);
  const row = page.getByTestId("roster").locator("li").first();
  await expect(row.locator("[data-link-state=\"active\"]")).toHaveText(rc.linkState.active);
  const copy = row.getByRole("button", { name: new RegExp(`^${zh.rooms.copy}`) });
  await copy.click();
  await expect(copy).toHaveText(zh.rooms.copied);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^${baseURL}/r/[0-9a-f-]{36}\\.[A-Za-z0-9_-]{22}$`));

  await row.getByRole("button", { name: new RegExp(`^${rc.detail.qr}`) }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("qr-code").locator("svg path")).not.toHaveCount(0);
  await expect(dialog.getByTestId("qr-link")).toHaveText(copied);
  await dialog.getByRole("button", { name: rc.detail.close }).click();
  await expect(dialog).toBeHidden();

  const newTitle = `${series.title}（改）`;
  await page.getByRole("button", { name: rc.detail.edit, exact: true }).click();
  await page.getByRole("dialog").getByLabel(rc.field.title).fill(newTitle);
  await page.getByRole("dialog").getByRole("button", { name: zh.common.save }).click();
  await expect(page).toHaveURL(new RegExp(`/rollcalls/${series.ids[0]}\\?saved=1$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(newTitle);
  const stored = await (await page.request.get(`/api/v1/rollcalls/${series.ids[0]}`)).json();
  expect(stored).toMatchObject({ title: newTitle, version: 2 });
});

test("the officer cancels another occurrence after confirming, and its links stop working", async ({ page }) => {
  await signIn(page, "gm.officer");
  await page.goto(`/rollcalls/${series.ids[1]}`);
  await page.getByRole("button", { name: rc.detail.cancel, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText(rc.detail.cancelConfirmBody)).toBeVisible();
  await dialog.getByRole("button", { name: rc.detail.cancelConfirmYes }).click();
  await expect(page.getByText(rc.detail.cancelled)).toBeVisible();
  await expect(page.locator('h1 [data-state="cancelled"]')).toBeVisible();
  await expect(page.getByRole("button", { name: rc.detail.cancel, exact: true })).toHaveCount(0);
  const stored = await (await page.request.get(`/api/v1/rollcalls/${series.ids[1]}`)).json();
  expect(stored.state).toBe("cancelled");
  expect(stored.entries.every((e: { linkState: string }) => e.linkState === "revoked")).toBe(true);
});

test("an inspector sees the roll calls but cannot schedule, edit or hand out links", async ({ page }) => {
  await signIn(page, "gm.inspector");
  await page.goto("/rollcalls?when=upcoming");
  await expect(page.locator(`[data-rollcall-id="${series.ids[0]}"]`)).toBeVisible();
  await expect(page.getByRole("link", { name: rc.create })).toHaveCount(0);
  expect((await page.goto("/rollcalls/new"))?.status()).toBe(404);

  await page.goto(`/rollcalls/${series.ids[0]}`);
  await expect(page.getByTestId("roster").locator("li")).toHaveCount(3);
  await expect(page.getByRole("button", { name: rc.detail.edit, exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: rc.detail.cancel, exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: new RegExp(`^${zh.rooms.copy}`) })).toHaveCount(0);
  await expect(page.getByRole("button", { name: new RegExp(`^${rc.detail.qr}`) })).toHaveCount(0);
});

test("an officer of a sibling county cannot find or open the roll call", async ({ page }) => {
  await signIn(page, "nh.officer");
  await page.goto("/rollcalls?when=upcoming");
  await expect(page.locator(`[data-rollcall-id="${series.ids[0]}"]`)).toHaveCount(0);
  for (const path of [`/rollcalls/${series.ids[0]}`, `/rollcalls/${series.ids[0]}/print`, `/rollcalls/${series.ids[0]}/links`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: zh.notFound.title })).toBeVisible();
  }
});

test("after the end the officer sees the summary, prints the record and finds it in the person's history and the statistics", async ({ page }) => {
  await signIn(page, "gm.officer");
  const id = series.ids[2]!;
  await page.goto(`/rollcalls/${id}`);
  const detail = (await api(page, "GET", `/api/v1/rollcalls/${id}`)).body;
  const [first, second] = detail.entries;
  expect((await api(page, "POST", `/api/v1/rollcalls/${id}/entries/${first.id}/mark`, { status: "present" })).status).toBe(200);
  expect((await api(page, "POST", `/api/v1/rollcalls/${id}/entries/${second.id}/mark`, { status: "excused" })).status).toBe(200);
  expect((await api(page, "POST", `/api/v1/rollcalls/${id}/end`)).status).toBe(200);

  await page.reload();
  const counts = page.getByTestId("summary-counts");
  await expect(counts.locator('[data-count="present"]')).toHaveText("1");
  await expect(counts.locator('[data-count="excused"]')).toHaveText("1");
  await expect(counts.locator('[data-count="absent"]')).toHaveText("1");
  await expect(counts.getByText("50%")).toBeVisible();
  const table = page.getByTestId("summary-table");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table.locator(`tr[data-entry-id="${first.id}"]`).getByText(rc.attendance.present)).toBeVisible();
  const csv = page.getByRole("link", { name: rc.summary.exportCsv });
  expect(await csv.getAttribute("href")).toBe(`/api/v1/rollcalls/${id}/export.csv`);
  const csvText = await (await page.request.get(`/api/v1/rollcalls/${id}/export.csv`)).text();
  expect(csvText).toContain(first.personName);

  await page.getByRole("link", { name: rc.summary.print }).click();
  await expect(page).toHaveURL(new RegExp(`/rollcalls/${id}/print$`));
  await expect(page.getByRole("heading", { name: rc.print.title })).toBeVisible();
  await expect(page.getByRole("navigation", { name: zh.nav.main })).toHaveCount(0);
  const printTable = page.getByTestId("print-table");
  await expect(printTable.locator("tbody tr")).toHaveCount(3);
  await expect(printTable.getByText(first.personName)).toBeVisible();
  await expect(page.getByText(rc.print.signOfficer)).toBeVisible();
  await expect(page.getByRole("button", { name: rc.print.print })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: rc.print.print })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  await page.goto(`/persons/${first.personId}`);
  const history = page.getByTestId("attendance-history");
  const line = history.locator("li").filter({ has: page.locator(`a[href="/rollcalls/${id}"]`) });
  await expect(line.getByRole("link", { name: series.title, exact: true })).toBeVisible();
  await expect(line.locator('[data-status="present"]')).toHaveText(rc.attendance.present);

  await page.goto("/rollcalls/stats");
  const chart = page.getByTestId("attendance-chart");
  await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(chart.locator(".recharts-line-dots circle, circle.recharts-dot")).not.toHaveCount(0);
  await expect(page.getByTestId("stats-table").locator("tbody tr")).not.toHaveCount(0);
});

test("the list and the roll-call pages fit a 375 px phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, "gm.officer");
  for (const path of ["/rollcalls?when=upcoming", "/rollcalls?when=past", `/rollcalls/${series.ids[0]}`, `/rollcalls/${series.ids[2]}`, "/rollcalls/new", "/rollcalls/stats"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page);
  }
});

test("a live roll call leads its officer into the console and an inspector in as an observer", async ({ page, browser }) => {
  await signIn(page, "gm.officer");
  const id = series.ids[0]!;
  // The console opens only shortly before the start (ROLLCALL_CONSOLE_LEAD_MINUTES): the
  // occurrence, two days ahead, is first moved to a minute from now.
  const { version } = (await api(page, "GET", `/api/v1/rollcalls/${id}`)).body;
  expect((await api(page, "POST", `/api/v1/rollcalls/${id}/open`)).status).toBe(409);
  expect((await api(page, "PATCH", `/api/v1/rollcalls/${id}`, { version, startsAt: new Date(Date.now() + 60_000).toISOString() })).status).toBe(200);
  await page.goto(`/rollcalls/${id}`);
  expect((await api(page, "POST", `/api/v1/rollcalls/${id}/open`)).status).toBe(200);
  await page.goto("/rollcalls");
  await expect(page.getByRole("link", { name: rc.tabs.live })).toHaveAttribute("aria-current", "page");
  const row = page.locator(`[data-rollcall-id="${id}"]`);
  await expect(row.getByRole("link", { name: rc.enterConsole })).toHaveAttribute("href", `/rollcalls/${id}/console`);
  await row.getByRole("link", { name: new RegExp(series.title) }).click();
  await expect(page.getByTestId("live-banner").getByRole("link", { name: rc.enterConsole })).toHaveAttribute("href", `/rollcalls/${id}/console`);

  const inspector = await browser.newPage();
  await signIn(inspector, "gm.inspector");
  await inspector.goto("/rollcalls?when=live");
  await expect(inspector.locator(`[data-rollcall-id="${id}"]`).getByRole("link", { name: rc.observe })).toHaveAttribute("href", `/rollcalls/${id}/console`);
  await inspector.close();
});
