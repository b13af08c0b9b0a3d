import { expect, test, type Page } from "@playwright/test";
import { callState, selfId } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage, signIn } from "./support/portal.ts";

// The rooms pages: an officer creates a room and invites, an inspector only looks (and watches
// unseen), links behave by their kind, and closing ends the room for good.
test.describe.configure({ mode: "serial" });

const title = `周例会 ${String(Date.now()).slice(-6)}`;
const room = { id: "", hostLink: "", guestLink: "" };

const roomRow = (page: Page) => page.getByTestId("room-list").locator(`[data-room-id="${room.id}"]`);

test("an officer creates a room and gets both invite links as full addresses to copy", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "gm.officer");
  await page.getByRole("link", { name: zh.nav.rooms }).first().click();
  await expect(page).toHaveURL(/\/rooms$/);

  await page.getByRole("button", { name: zh.rooms.create, exact: true }).click();
  await expect(page.getByText(zh.fieldErrors.required)).toBeVisible();
  await page.getByLabel(zh.rooms.field.title).fill(title);
  await page.getByLabel(zh.rooms.field.requiresAdmission).check();
  await page.getByRole("button", { name: zh.rooms.create, exact: true }).click();

  await expect(page).toHaveURL(/\/rooms\/[0-9a-f-]{36}\?created=1$/);
  room.id = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByText(formatMessage(zh.rooms.created, { title }))).toBeVisible();
  room.guestLink = await page.getByTestId("guest-link").inputValue();
  room.hostLink = await page.getByTestId("host-link").inputValue();
  expect(room.guestLink).toMatch(new RegExp(`^${baseURL}/join/[\\w-]{16,}$`));
  expect(room.hostLink).toMatch(new RegExp(`^${baseURL}/join/[\\w-]{16,}$`));
  expect(room.hostLink).not.toBe(room.guestLink);

  await page.getByRole("button", { name: formatMessage(zh.rooms.copyNamed, { label: zh.rooms.guestLink }) }).click();
  await expect(page.getByRole("button", { name: formatMessage(zh.rooms.copyNamed, { label: zh.rooms.guestLink }) })).toHaveText(zh.rooms.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(room.guestLink);

  await page.goto("/rooms");
  await expect(page.getByTestId("room-list").locator("li").first()).toHaveAttribute("data-room-id", room.id);
  await expect(roomRow(page).getByText(zh.rooms.open)).toBeVisible();
  await expect(roomRow(page).getByText(zh.rooms.admissionBadge)).toBeVisible();
});

test("an inspector sees the room read-only and can only watch, unseen", async ({ page }) => {
  await signIn(page, "gm.inspector");
  await page.goto("/rooms");
  await expect(page.getByText(zh.rooms.readOnlyHint)).toBeVisible();
  await expect(page.getByLabel(zh.rooms.field.title)).toHaveCount(0);
  await expect(roomRow(page).getByRole("button")).toHaveCount(0);

  await roomRow(page).getByRole("link", { name: title }).click();
  await expect(page.getByRole("button", { name: zh.rooms.close })).toHaveCount(0);
  await expect(page.getByTestId("guest-link")).toHaveCount(0);
  await page.getByRole("link", { name: zh.rooms.enterObserver }).click();

  await expect(page.getByText(zh.join.observerNote)).toBeVisible();
  await expect(page.getByTestId("camera-preview")).toHaveCount(0);
  await page.getByRole("button", { name: zh.join.join, exact: true }).click();
  await selfId(page);
  expect((await callState(page))?.self?.observer).toBe(true);
  await expect(page.getByTestId("toggle-mic")).toHaveCount(0);
  await page.getByTestId("leave").click();
  await expect(page.getByRole("heading", { name: zh.call.ended.left.title })).toBeVisible();
});

test("a host link sends a visitor without a session to sign in; a guest link asks only for a name", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(room.hostLink);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(new URL(room.hostLink).pathname)}$`));
  await page.goto(room.guestLink);
  await expect(page.getByLabel(zh.join.yourName)).toBeVisible();
  await expect(page.getByText(formatMessage(zh.join.room, { title }))).toBeVisible();
  await page.goto(room.guestLink.replace(/\/join\/.*/, "/join/this-link-does-not-exist"));
  await expect(page.getByRole("heading", { name: zh.notFound.title })).toBeVisible();
  await context.close();
});

test("closing the room disconnects it for good: the history says so and the links stop working", async ({ page, request }) => {
  await signIn(page, "gm.officer");
  await page.goto(`/rooms/${room.id}`);
  await page.getByRole("button", { name: zh.rooms.close }).click();
  await page.getByRole("button", { name: zh.rooms.closeConfirmYes }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByText(zh.rooms.closed)).toBeVisible();
  await expect(page.getByRole("link", { name: zh.rooms.enter })).toHaveCount(0);

  const timeline = page.getByTestId("room-timeline");
  await expect(timeline.locator('[data-kind="created"]')).toContainText(formatMessage(zh.rooms.timeline.created, { name: "陈志强" }));
  await expect(timeline.locator('[data-kind="closeRequested"]')).toContainText(formatMessage(zh.rooms.timeline.closeRequested, { name: "陈志强" }));
  // The inspector's visit, as the media node reported it.
  await expect(async () => {
    await page.reload();
    await expect(timeline.locator('[data-kind="joined"]').first()).toContainText("高明区局督察员");
  }).toPass({ timeout: 15_000 });

  await page.goto(room.guestLink);
  await expect(page.getByTestId("room-closed")).toBeVisible();
  const code = new URL(room.guestLink).pathname.split("/").pop();
  // A guest (no session) asking for a token now.
  expect((await request.post(`/api/v1/join/${code}`, { data: { name: "迟到的访客" } })).status()).toBe(409);
});
