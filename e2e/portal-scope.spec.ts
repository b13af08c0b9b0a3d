import { expect, test, type Page } from "@playwright/test";
import { zh } from "./support/messages.ts";
import { freshIdNumber, signIn, withWrongCheckChar } from "./support/portal.ts";

// One story on one database: the person gm.officer registers is the one the others look for.
test.describe.configure({ mode: "serial" });

const suffix = String(Date.now()).slice(-6);
const person = {
  id: "",
  name: `测试对象${suffix}`,
  idNumber: freshIdNumber(),
  phone: `139${suffix}88`,
  address: "佛山市高明区荷城街道测试路 1 号",
  office: "荷城司法所（高明区司法局）",
};

async function fillPersonForm(page: Page, values: { name: string; idNumber: string; phone: string }) {
  const field = zh.persons.field;
  await page.getByLabel(field.name).fill(values.name);
  await page.getByLabel(field.gender).selectOption({ label: zh.gender.male });
  await page.getByLabel(field.idNumber).fill(values.idNumber);
  await page.getByLabel(field.phone).fill(values.phone);
  await page.getByLabel(field.address).fill(person.address);
  await page.getByLabel(field.office).selectOption({ label: person.office });
  await page.getByLabel(field.supervisionType).selectOption({ label: zh.supervisionType.probation });
  await page.getByLabel(field.startDate).fill("2026-01-05");
  await page.getByLabel(field.endDate).fill("2027-01-04");
}

test("a visitor without a live session is sent to the login page, with nothing rendered", async ({ page, context }) => {
  const response = await page.goto("/persons");
  await expect(page).toHaveURL(/\/login\?next=%2Fpersons$/);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("person-list")).toHaveCount(0);

  await context.addCookies([{ name: "ygav_session", value: "expired-or-forged-token", url: page.url() }]);
  await page.goto("/persons?q=1234");
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByRole("button", { name: zh.login.submit, exact: true })).toBeVisible();
});

test("a county officer sees only its own subtree and registers a person at one of its justice offices", async ({ page }) => {
  await signIn(page, "gm.officer");
  const tree = page.getByTestId("unit-tree");
  await expect(tree.getByRole("link", { name: "高明区司法局" })).toBeVisible();
  await expect(tree.getByRole("link", { name: "荷城司法所" })).toBeVisible();
  for (const outside of ["南海区司法局", "桂城司法所", "珠海市司法局", "佛山市司法局"]) {
    await expect(page.getByText(outside)).toHaveCount(0);
  }

  await page.getByRole("link", { name: zh.nav.persons }).first().click();
  await page.getByRole("link", { name: zh.persons.create }).click();
  await expect(page).toHaveURL(/\/persons\/new$/);
  await fillPersonForm(page, person);
  await page.getByRole("button", { name: zh.persons.form.create }).click();

  await expect(page).toHaveURL(/\/persons\/[0-9a-f-]{36}\?saved=1$/);
  person.id = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(person.name);
  await expect(page.getByText(`4406**********${person.idNumber.slice(-4)}`)).toBeVisible();
  await expect(page.getByText(person.idNumber)).toHaveCount(0);

  await page.goto(`/persons?q=${encodeURIComponent(person.name)}`);
  await expect(page.getByRole("link", { name: person.name })).toBeVisible();
});

test("an officer of another county cannot find the person, nor open it by its address", async ({ page }) => {
  await signIn(page, "nh.officer");
  await page.goto(`/persons?q=${encodeURIComponent(person.name)}`);
  await expect(page.getByText(zh.persons.empty)).toBeVisible();
  await page.goto(`/persons?q=${person.idNumber.slice(-4)}`);
  await expect(page.getByRole("link", { name: person.name })).toHaveCount(0);

  const response = await page.goto(`/persons/${person.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: zh.notFound.title })).toBeVisible();
  await expect(page.getByText(person.name)).toHaveCount(0);
  expect((await page.request.get(`/api/v1/persons/${person.id}`)).status()).toBe(404);
});

test("an inspector reads the person without any edit control, and the API refuses its writes", async ({ page }) => {
  await signIn(page, "gm.inspector");
  await page.goto(`/persons/${person.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(person.name);
  await expect(page.getByRole("link", { name: zh.persons.edit })).toHaveCount(0);
  await expect(page.getByRole("button", { name: zh.persons.edit })).toHaveCount(0);
  await page.goto("/persons");
  await expect(page.getByRole("link", { name: person.name })).toBeVisible();
  await expect(page.getByRole("link", { name: zh.persons.create })).toHaveCount(0);
  expect((await page.goto("/persons/new"))?.status()).toBe(404);
  expect((await page.goto(`/persons/${person.id}/edit`))?.status()).toBe(404);

  await page.goto(`/persons/${person.id}`);
  const before = await (await page.request.get(`/api/v1/persons/${person.id}`)).json();
  // From the inspector's own page, with its real CSRF token: only the role stands in the way.
  const answers = await page.evaluate(
    async ({ id, unitId, idNumber }) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )ygav_csrf=([^;]+)/)?.[1] ?? "");
      const headers = { "content-type": "application/json", "x-csrf-token": csrf };
      const send = async (method: string, url: string, body: unknown) => {
        const response = await fetch(url, { method, headers, body: JSON.stringify(body) });
        return { status: response.status, code: (await response.json()).error?.code as string | undefined };
      };
      return {
        csrfPresent: csrf.length > 0,
        patch: await send("PATCH", `/api/v1/persons/${id}`, { version: 1, name: "督察员改名" }),
        post: await send("POST", "/api/v1/persons", {
          unitId,
          name: "督察员新增",
          gender: "female",
          idNumber,
          phone: "13900000000",
          supervisionType: "parole",
          startDate: "2026-01-01",
          endDate: "2026-12-31",
        }),
      };
    },
    // A valid body: were the role not checked, this would create a person.
    { id: person.id, unitId: before.unitId as string, idNumber: freshIdNumber() },
  );
  expect(answers.csrfPresent).toBe(true);
  for (const answer of [answers.patch, answers.post]) {
    expect([403, 404]).toContain(answer.status);
    expect(answer.code).not.toBe("csrf_failed");
  }
  const after = await (await page.request.get(`/api/v1/persons/${person.id}`)).json();
  expect(after).toEqual(before);
});

test("the form shows field errors inline, from the shared schema and from the server, and keeps the input", async ({ page }) => {
  await signIn(page, "gm.officer");
  await page.goto("/persons/new");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/api/v1/persons")) posts.push(request.url());
  });
  const typed = { name: `校验${suffix}`, idNumber: withWrongCheckChar(freshIdNumber()), phone: "13712345678" };
  await fillPersonForm(page, typed);
  await page.getByRole("button", { name: zh.persons.form.create }).click();

  const idField = page.getByLabel(zh.persons.field.idNumber);
  await expect(page.getByText(zh.fieldErrors.invalid_id_number)).toBeVisible();
  await expect(idField).toHaveAttribute("aria-invalid", "true");
  await expect(idField).toBeFocused();
  await expect(page.getByText(zh.forms.fixFields)).toBeVisible();
  expect(posts).toHaveLength(0);
  await expect(page).toHaveURL(/\/persons\/new$/);
  await expect(page.getByLabel(zh.persons.field.name)).toHaveValue(typed.name);
  await expect(idField).toHaveValue(typed.idNumber);
  await expect(page.getByLabel(zh.persons.field.phone)).toHaveValue(typed.phone);
  await expect(page.getByLabel(zh.persons.field.office).locator("option:checked")).toHaveText(person.office);

  // A well-formed number that is already registered: only the server can tell.
  await idField.fill(person.idNumber);
  await expect(page.getByText(zh.fieldErrors.invalid_id_number)).toHaveCount(0);
  await page.getByRole("button", { name: zh.persons.form.create }).click();
  await expect(page.getByText(zh.fieldErrors.duplicate)).toBeVisible();
  expect(posts).toHaveLength(1);
  await expect(page.getByLabel(zh.persons.field.name)).toHaveValue(typed.name);
  await expect(idField).toHaveValue(person.idNumber);
  await expect(page.getByLabel(zh.persons.field.address)).toHaveValue(person.address);
});

test("on a 375-px phone the persons list fits the screen without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signIn(page, "gm.officer");
  await page.goto("/persons");
  await expect(page.getByTestId("person-list")).toBeVisible();
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
  expect(widths.page).toBeLessThanOrEqual(376);
  expect(widths.body).toBeLessThanOrEqual(376);

  // The navigation folds behind the menu button and opens on demand.
  await expect(page.getByRole("link", { name: zh.nav.dashboard })).toBeHidden();
  await page.getByRole("button", { name: zh.nav.openMenu }).click();
  await expect(page.getByRole("link", { name: zh.nav.dashboard })).toBeVisible();
  await context.close();
});
