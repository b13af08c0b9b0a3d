import { expect, test } from "@playwright/test";
import { zh } from "./support/messages.ts";
import { formatMessage, signIn } from "./support/portal.ts";

test.describe.configure({ mode: "serial" });

const suffix = String(Date.now()).slice(-6);
const office = { created: `新建司法所${suffix}`, renamed: `更名司法所${suffix}` };
const account = { username: `e2e.${suffix}`, displayName: `新人${suffix}`, password: "Welcome#2026-e2e" };

test("an administrator adds a justice office below its county and renames it", async ({ page }) => {
  const t = zh.admin.units;
  await signIn(page, "gm.admin");
  await page.getByRole("link", { name: zh.nav.admin }).click();
  await expect(page).toHaveURL(/\/admin\/units$/);
  const tree = page.getByTestId("unit-admin-tree");

  // The first row is the admin's own county: it can add below it, not rename it.
  const ownRow = tree.getByRole("listitem").first();
  await ownRow.getByRole("button", { name: t.addChild }).first().click();
  const nameField = page.getByLabel(formatMessage(t.childName, { level: zh.unitLevel["5"], parent: "高明区司法局" }));
  await nameField.fill("荷城司法所");
  await page.getByRole("button", { name: t.addSubmit, exact: true }).click();
  await expect(page.getByText(zh.fieldErrors.duplicate)).toBeVisible();
  await expect(nameField).toHaveValue("荷城司法所");

  await nameField.fill(office.created);
  await page.getByRole("button", { name: t.addSubmit, exact: true }).click();
  await expect(page.getByText(formatMessage(t.added, { name: office.created }))).toBeVisible();
  await expect(tree.getByText(office.created, { exact: true })).toBeVisible();

  const row = tree.getByRole("listitem").filter({ has: page.getByText(office.created, { exact: true }) }).last();
  await expect(row.getByRole("button", { name: t.addChild })).toHaveCount(0);
  await row.getByRole("button", { name: t.rename }).click();
  await page.getByLabel(formatMessage(t.newName, { name: office.created })).fill(office.renamed);
  await page.getByRole("button", { name: t.renameSubmit, exact: true }).click();
  await expect(page.getByText(formatMessage(t.renamed, { name: office.renamed }))).toBeVisible();
  await expect(tree.getByText(office.renamed, { exact: true })).toBeVisible();
});

test("an administrator opens an account at the new office, and its holder signs in there", async ({ page, browser }) => {
  const t = zh.admin.users;
  await signIn(page, "gm.admin");
  await page.goto("/admin/users");
  await page.getByLabel(t.field.username).fill(account.username);
  await page.getByLabel(t.field.displayName).fill(account.displayName);
  await page.getByLabel(t.field.role).selectOption("officer");
  const unitSelect = page.getByLabel(t.field.unit);
  const unitId = await unitSelect.locator("option", { hasText: office.renamed }).getAttribute("value");
  await unitSelect.selectOption(unitId!);
  await page.getByLabel(t.field.password).fill("short");
  await page.getByRole("button", { name: t.createSubmit }).click();
  await expect(page.getByText(zh.fieldErrors.too_short)).toBeVisible();

  await page.getByLabel(t.field.password).fill(account.password);
  await page.getByRole("button", { name: t.createSubmit }).click();
  await expect(page.getByText(formatMessage(t.created, { name: account.displayName, username: account.username }))).toBeVisible();
  await expect(page.getByTestId("staff-list").getByText(account.displayName)).toBeVisible();

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await signIn(newcomer, account.username, account.password);
  await expect(newcomer.getByTestId("current-user")).toContainText(office.renamed);
  await expect(newcomer.getByTestId("unit-tree").getByRole("link", { name: office.renamed })).toBeVisible();
  await expect(newcomer.getByTestId("unit-tree").getByRole("link", { name: "荷城司法所" })).toHaveCount(0);
  await context.close();
});

test("an administrator deactivates an account, which can then no longer sign in", async ({ page, browser }) => {
  const t = zh.admin.users;
  await signIn(page, "gm.admin");
  await page.goto(`/admin/users?q=${account.username}`);
  await page.getByRole("link", { name: account.displayName }).click();
  await page.getByLabel(t.field.active).uncheck();
  await page.getByRole("button", { name: zh.common.save }).click();
  await expect(page.getByText(t.saved)).toBeVisible();

  const context = await browser.newContext();
  const former = await context.newPage();
  await former.goto("/login");
  await former.getByLabel(zh.login.username).fill(account.username);
  await former.getByLabel(zh.login.password).fill(account.password);
  await former.getByRole("button", { name: zh.login.submit, exact: true }).click();
  await expect(former.getByText(zh.login.invalidCredentials)).toBeVisible();
  await context.close();
});

test("officers and inspectors are shown no admin area at all", async ({ browser }) => {
  for (const username of ["gm.officer", "gm.inspector"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, username);
    await expect(page.getByRole("link", { name: zh.nav.admin })).toHaveCount(0);
    for (const path of ["/admin/units", "/admin/users"]) {
      expect((await page.goto(path))?.status()).toBe(404);
      await expect(page.getByTestId("unit-admin-tree")).toHaveCount(0);
    }
    await context.close();
  }
});
