import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";
import { scheduleRollCall, startRollCall, type RosterPerson } from "./support/rollcall-console.ts";
import { staffApi, verifyAndWait } from "./support/rollcall-link.ts";

// Issue 8, on the real portal, media node and Chromium: a roll call's room is not a meeting (no
// entry under 会议室, no invite links), the console counts only roster persons, and ending with a
// person who joined but was never marked lists them in the confirmation and records 待核验, never
// 已到. The officer runs the console on a 375-px phone: the dialog must read there.
test.describe.configure({ mode: "serial" });

const suffix = String(Date.now()).slice(-6);
const t = zh.rollcallConsole;
type Browserish = { context: BrowserContext; page: Page };
let officer: Browserish;
let person: Browserish & { roster: RosterPerson };
let rollCallId: string;

test.afterAll(async () => {
  for (const who of [officer, person]) await who?.context.close().catch(() => {});
});

test("the roll call's room has no invite link anywhere, and the console counts the roster person only", async ({ browser }) => {
  test.slow();
  officer = await newParticipant(browser, { phone: true });
  await signInByApi(officer.page, "hc.officer");
  const scheduled = await scheduleRollCall(officer.page, `待核验点名 ${suffix}`, 1);
  rollCallId = scheduled.id;
  const roster = scheduled.people[0]!;
  const browserContext = await newParticipant(browser, { phone: true });
  await verifyAndWait(browserContext.page, `/r/${roster.token}`, roster.idLast4);
  person = { ...browserContext, roster };

  await startRollCall(officer.page, rollCallId);
  const peerId = await selfId(person.page);
  await expectDecoding(officer.page, [peerId]);
  await expect(officer.page.getByText(formatMessage(t.participantsCount, { count: 1 }))).toBeVisible();

  // 会议室 lists ad-hoc meetings only; the roll call's room page offers no link to hand out.
  const rooms = await officer.context.newPage();
  await rooms.goto("/rooms");
  await expect(rooms.getByText(`待核验点名 ${suffix}`)).toHaveCount(0);
  const listed = await rooms.evaluate(async () => (await (await fetch("/api/v1/rooms")).json()) as { items: Array<{ kind: string }> });
  expect(listed.items.every((room) => room.kind === "meeting")).toBe(true);
  await rooms.close();

  // A stranger who got hold of the room's id tries it as an invite code and opens its call page:
  // no token, and the console still counts the roster person only.
  const api = await staffApi(officer.context, officer.page.request);
  const roomId = (await api.post<{ grant: { room: { id: string } } }>(`/api/v1/rollcalls/${rollCallId}/open`)).grant.room.id;
  const stranger = await newParticipant(browser);
  try {
    await stranger.page.goto(`/rooms/${roomId}/call`);
    await expect(stranger.page).toHaveURL(/\/login\?next=/);
    const asGuest = await stranger.page.evaluate(async (code) => {
      const response = await fetch(`/api/v1/join/${code}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "陌生人" }) });
      return { status: response.status, body: await response.text() };
    }, roomId);
    expect(asGuest.status).toBe(404);
    expect(asGuest.body).not.toContain("token");
  } finally {
    await stranger.context.close();
  }
  await expect(officer.page.getByText(formatMessage(t.participantsCount, { count: 1 }))).toBeVisible();
  await expect(officer.page.getByTestId("participant-tile")).toHaveCount(1);
});

test("ending lists the joined but unmarked person in the confirmation, and records 待核验", async () => {
  const { page } = officer;
  await page.getByRole("button", { name: t.end, exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: t.endConfirmTitle });
  await expect(dialog.getByTestId("end-unverified")).toContainText(formatMessage(t.endUnverified, { count: 1 }));
  await expect(dialog.getByTestId("end-unverified").getByRole("listitem")).toHaveText([person.roster.name]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await dialog.screenshot({ path: test.info().outputPath("end-dialog-375.png") });
  await page.screenshot({ path: test.info().outputPath("console-375.png") });

  await dialog.getByRole("button", { name: t.endConfirm, exact: true }).click();
  await expect(page.getByTestId("console-ended")).toBeVisible();
  await page.goto(`/rollcalls/${rollCallId}`);
  const row = page.getByTestId("summary-table").locator(`tr[data-entry-id="${person.roster.entryId}"] [data-status]`);
  await expect(row).toHaveAttribute("data-status", "unverified");
  await expect(row).toHaveText(zh.rollcall.attendance.unverified);
  const csv = await (await page.request.get(`/api/v1/rollcalls/${rollCallId}/export.csv`)).text();
  expect(csv).toContain(`${person.roster.name},荷城司法所,待核验`);
});
