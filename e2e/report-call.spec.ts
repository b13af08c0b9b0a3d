import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";
import { createReportCallToChildren } from "./support/report-call.ts";

// A live report call (现场点名汇报, issue 11 §4) from 佛山 to its two counties, on one media node:
// the caller picks the centers, each county's officer sees the ring on an ordinary portal page,
// answers and joins with camera; the caller sees both, marks each reported with its answer time,
// ends, and prints the record. Three browser contexts (the counties on 375-px phones).
test.describe.configure({ mode: "serial" });

const t = zh.reportCalls;
const title = `县区现场汇报 ${String(Date.now()).slice(-6)}`;
type Browserish = { context: BrowserContext; page: Page };
const contexts: Browserish[] = [];

test.afterAll(async () => {
  for (const who of contexts) await who.context.close().catch(() => {});
});

test("佛山 calls its counties; each answers from the ring, joins, and is marked reported with its answer time", async ({ browser }) => {
  test.slow();
  const caller = await newParticipant(browser);
  contexts.push(caller);
  await signInByApi(caller.page, "fs.admin");
  const reportId = await createReportCallToChildren(caller.page, title, 2);
  await expect(caller.page.getByTestId("report-center")).toHaveCount(2);

  const counties: Array<Browserish & { unit: string; peerId: string }> = [];
  for (const [username, unit] of [["gm.officer", "高明区司法局"], ["nh.officer", "南海区司法局"]] as const) {
    const who = await newParticipant(browser, { phone: true });
    contexts.push(who);
    await signInByApi(who.page, username);
    await who.page.goto("/persons");
    const ring = who.page.getByTestId("report-ring");
    await expect(ring).toContainText(formatMessage(t.ringTitle, { caller: "佛山市司法局" }), { timeout: 15_000 });
    await expect(ring).toContainText(title);
    if (username === "gm.officer") await who.page.screenshot({ path: test.info().outputPath("report-ring-375.png") });
    await ring.getByTestId("report-answer").click();
    await expect(who.page).toHaveURL(new RegExp(`/reports/${reportId}/call$`));
    const join = who.page.getByRole("button", { name: zh.join.join, exact: true });
    await expect(join).toBeEnabled({ timeout: 15_000 });
    await join.click();
    counties.push({ ...who, unit, peerId: await selfId(who.page) });
  }

  // The caller's console shows each center's answer time; the caller joins the room and sees both.
  for (const { unit } of counties) {
    await expect(caller.page.locator(`[data-testid="report-center"][data-unit="${unit}"] [data-testid="center-answered"]`)).not.toHaveText(t.notAnswered, { timeout: 10_000 });
  }
  const room = await caller.context.newPage();
  await room.goto(`/reports/${reportId}/call`);
  const join = room.getByRole("button", { name: zh.join.join, exact: true });
  await expect(join).toBeEnabled({ timeout: 15_000 });
  await join.click();
  const callerId = await selfId(room);
  await expectDecoding(room, counties.map((c) => c.peerId));
  for (const county of counties) await expectDecoding(county.page, [callerId]);

  for (const { unit } of counties) {
    const row = caller.page.locator(`[data-testid="report-center"][data-unit="${unit}"]`);
    await row.getByRole("button", { name: t.call }).click();
    await expect(row.getByRole("button", { name: t.called })).toBeVisible();
    await row.getByRole("button", { name: t.markReported }).click();
    await expect(row.getByTestId("center-status")).toHaveText(t.status.reported);
  }
  await expect(caller.page.getByTestId("report-summary")).toHaveText(formatMessage(t.summary, { total: 2, reported: 2, absent: 0, waiting: 0 }));
  caller.page.once("dialog", (dialog) => void dialog.accept());
  await caller.page.getByRole("button", { name: t.end }).click();
  await expect(caller.page.getByRole("button", { name: t.end })).toHaveCount(0);

  await caller.page.goto(`/reports/${reportId}/print`);
  const table = caller.page.getByTestId("print-table");
  for (const { unit } of counties) await expect(table).toContainText(unit);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table).not.toContainText(t.notAnswered);
  await caller.page.screenshot({ path: test.info().outputPath("report-print.png"), fullPage: true });
});
