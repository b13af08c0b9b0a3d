import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/portal.ts";
import { createPerson, scheduleRollCall, staffApi, unitId } from "./support/rollcall-link.ts";

test.describe.configure({ timeout: 180_000 });

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));

/** Nothing wider than the viewport: a phone never scrolls sideways (tables scroll inside their card). */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc, JSON.stringify(widths)).toBeLessThanOrEqual(widths.view);
}

/**
 * The officer's workbench (home page): today's roll call with who is waiting, a person due to check
 * in, each one click from its action; the same page at 375 px and on a desktop; a county's
 * superior sees it per unit.
 */
test("the workbench shows today's roll call and check-ins due, one click from each, at 375 px and on a desktop", async ({ page }) => {
  await signIn(page, "hc.officer");
  const api = await staffApi(page.context(), page.request);
  const office = await unitId(api, "荷城司法所");
  const suffix = Date.now().toString(36).slice(-4);
  const due = await createPerson(api, office, `待报${suffix}`);
  const roster = await createPerson(api, office, `点名${suffix}`);
  await api.post(`/api/v1/persons/${due.id}/checkin`, { windows: ALL_WEEK });
  const rollCall = await scheduleRollCall(api, office, `工作台点名${suffix}`, [roster], 2);

  for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
    await page.setViewportSize(viewport);
    await page.goto("/");
    const bench = page.getByTestId("workbench");
    await expect(bench.getByRole("heading", { name: "今日工作台" })).toBeVisible();

    const call = page.getByTestId("workbench-rollcall").filter({ hasText: `工作台点名${suffix}` });
    await expect(call).toContainText("名单 1 人");
    await expect(call).toContainText("未开始");
    await expect(call.getByRole("link", { name: "打开点名控制台" })).toHaveAttribute("href", `/rollcalls/${rollCall.id}/console`);

    const person = page.getByTestId("workbench-due").filter({ hasText: due.name });
    await expect(person).toHaveAttribute("data-state", "open");
    await expect(person).toContainText("报到中，截至 24:00");
    await expect(person.getByRole("link", { name: "打开" })).toHaveAttribute("href", `/persons/${due.id}/face`);

    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath(`workbench-${viewport.width}.png`), fullPage: true });
  }

  // One click from the item to the person's check-in page.
  await page.getByTestId("workbench-due").filter({ hasText: due.name }).getByRole("link", { name: "打开" }).click();
  await expect(page).toHaveURL(new RegExp(`/persons/${due.id}/face$`));
  await expect(page.getByTestId("checkin-panel")).toBeVisible();
});

test("a county officer sees the same items per unit of the subtree; an inspector sees them without actions", async ({ browser }) => {
  const county = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await county.newPage();
  await signIn(page, "gm.officer");
  // Something due today at 荷城 (a county officer may act below the county).
  const api = await staffApi(county, page.request);
  const person = await createPerson(api, await unitId(api, "荷城司法所"), `区报${Date.now().toString(36).slice(-4)}`);
  await api.post(`/api/v1/persons/${person.id}/checkin`, { windows: ALL_WEEK });
  await page.goto("/");
  await expect(page.getByTestId("workbench-due").filter({ hasText: person.name })).toContainText("荷城司法所");
  const table = page.getByTestId("workbench-by-unit");
  await expect(table).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "荷城司法所" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("workbench-county.png"), fullPage: true });
  await county.close();

  const inspectorContext = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const inspector = await inspectorContext.newPage();
  await signIn(inspector, "gm.inspector");
  await inspector.goto("/");
  await expect(inspector.getByTestId("workbench")).toContainText("您的账号为只读");
  await expect(inspector.getByRole("link", { name: "打开点名控制台" })).toHaveCount(0);
  await expect(inspector.getByTestId("workbench-approve")).toHaveCount(0);
  await expectNoSidewaysScroll(inspector);
  await inspectorContext.close();
});
