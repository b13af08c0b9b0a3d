import { expect, type Page } from "@playwright/test";
import { zh } from "./messages.ts";
import { formatMessage } from "./portal.ts";

/**
 * On /reports, as the signed-in caller: a report call titled `title` to all the caller's child
 * units (`children` of them), created. Resolves to the report call's id, from its page's URL.
 */
export async function createReportCallToChildren(page: Page, title: string, children: number): Promise<string> {
  const t = zh.reportCalls;
  await page.goto("/reports");
  await page.getByLabel(t.titleField).fill(title);
  await page.getByRole("button", { name: t.selectChildren }).click();
  await expect(page.getByText(formatMessage(t.selected, { count: children }))).toBeVisible();
  await page.getByRole("button", { name: t.create }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}
