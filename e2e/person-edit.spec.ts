import { expect, test } from "@playwright/test";
import { zh } from "./support/messages.ts";
import { signIn } from "./support/portal.ts";

test("an edit based on an old version is refused with a clear message, and the typed input is kept", async ({ page, context }) => {
  const field = zh.persons.field;
  await signIn(page, "gm.officer");
  await page.goto("/persons");
  await page.getByTestId("person-list").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/persons\/[0-9a-f-]{36}$/);
  const personId = new URL(page.url()).pathname.split("/")[2]!;
  await page.getByRole("link", { name: zh.persons.edit }).click();
  await expect(page).toHaveURL(`/persons/${personId}/edit`);

  // A colleague opens the same person and saves first.
  const colleague = await context.newPage();
  await colleague.goto(`/persons/${personId}/edit`);
  const newPhone = `137${String(Date.now()).slice(-8)}`;
  await colleague.getByLabel(field.phone).fill(newPhone);
  await colleague.getByRole("button", { name: zh.common.save }).click();
  await expect(colleague).toHaveURL(`/persons/${personId}?saved=1`);
  await expect(colleague.getByText(zh.persons.saved)).toBeVisible();
  await expect(colleague.getByText(newPhone)).toBeVisible();

  const myAddress = `我的修改 ${Date.now()}`;
  await page.getByLabel(field.address).fill(myAddress);
  await page.getByRole("button", { name: zh.common.save }).click();
  await expect(page.getByText(zh.forms.staleTitle)).toBeVisible();
  await expect(page).toHaveURL(`/persons/${personId}/edit`);
  await expect(page.getByLabel(field.address)).toHaveValue(myAddress);

  const stored = await (await page.request.get(`/api/v1/persons/${personId}`)).json();
  expect(stored.phone).toBe(newPhone);
  expect(stored.address).not.toBe(myAddress);
  expect(stored.version).toBeGreaterThanOrEqual(2);
});
