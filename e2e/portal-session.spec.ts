import { expect, test } from "@playwright/test";
import { en, zh } from "./support/messages.ts";
import { messagePattern, signIn } from "./support/portal.ts";

test("a wrong password and an unknown user get the same message, and the typed username stays", async ({ page }) => {
  for (const username of ["gm.officer", `nobody.${Date.now()}`]) {
    await page.goto("/login");
    await page.getByLabel(zh.login.username).fill(username);
    await page.getByLabel(zh.login.password).fill("not-the-password");
    await page.getByRole("button", { name: zh.login.submit, exact: true }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(zh.login.invalidCredentials);
    await expect(page.getByLabel(zh.login.username)).toHaveValue(username);
  }
});

test("repeated failed sign-ins are held off with a countdown taken from Retry-After", async ({ page }) => {
  // Failures are counted per username and address, so this name locks nobody else out.
  const username = `locked.${Date.now()}`;
  await page.goto("/login");
  await page.getByLabel(zh.login.username).fill(username);
  await page.getByLabel(zh.login.password).fill("not-the-password");
  const submit = page.getByRole("button", { name: zh.login.submit, exact: true });
  let status = 0;
  for (let attempt = 0; attempt < 8 && status !== 429; attempt++) {
    const answer = page.waitForResponse("**/api/v1/auth/login");
    await submit.click();
    status = (await answer).status();
  }
  expect(status).toBe(429);
  const waiting = page.getByText(messagePattern(zh.login.tooManyAttempts));
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText(/\d+/);
  await expect(submit).toBeDisabled();
});

test("signing in returns to the page asked for, and signing out ends the session on the server", async ({ page, browser }) => {
  await page.goto("/persons?status=active");
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel(zh.login.username).fill("gm.officer");
  await page.getByLabel(zh.login.password).fill("Sunshine#2026");
  await page.getByRole("button", { name: zh.login.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/persons\?status=active$/);

  const session = (await page.context().cookies()).find((cookie) => cookie.name === "ygav_session")!;
  await page.getByRole("button", { name: zh.nav.logout }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The old cookie, replayed from elsewhere, is worthless now.
  const context = await browser.newContext();
  await context.addCookies([session]);
  const replay = await context.newPage();
  await replay.goto("/persons");
  await expect(replay).toHaveURL(/\/login\?next=%2Fpersons$/);
  await context.close();
});

test("the language switch turns the interface to English and back, and the choice persists", async ({ page }) => {
  await signIn(page, "gm.officer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.workbench.title);
  await page.getByRole("button", { name: en.language.en, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.workbench.title);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("link", { name: en.nav.persons, exact: true })).toBeVisible();
  await page.getByRole("button", { name: zh.language["zh-CN"], exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.workbench.title);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
