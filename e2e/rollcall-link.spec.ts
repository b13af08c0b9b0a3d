import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";
import {
  createPerson,
  enterCode,
  scheduleRollCall,
  staffApi,
  unitId,
  verifyAndWait,
  wrongCode,
  type StaffApi,
  type TestPerson,
  type TestRollCall,
} from "./support/rollcall-link.ts";

// The supervised person's side of a video roll call, on 375-px Android phones with fake
// devices: the personal link, the code, the device preview, waiting for the officer, the call
// (decoded frames via getStats), the spotlight and the challenge on the called person's screen
// only; then every link that must not let anyone in.
test.describe.configure({ mode: "serial" });

const t = zh.rollcallLink;
const suffix = String(Date.now()).slice(-6);
const OFFICE = "荷城司法所";

type Phone = { context: BrowserContext; page: Page };
const open: BrowserContext[] = [];
let officer: { context: BrowserContext; page: Page; api: StaffApi };
let officeId: string;
let personA: TestPerson;
let personB: TestPerson;
let rollCall: TestRollCall;

async function phone(browser: Parameters<typeof newParticipant>[0]): Promise<Phone> {
  const created = await newParticipant(browser, { phone: true });
  open.push(created.context);
  return created;
}

test.beforeAll(async ({ browser }) => {
  const { context, page } = await newParticipant(browser);
  open.push(context);
  await signInByApi(page, "hc.officer");
  const api = await staffApi(context, page.request);
  officer = { context, page, api };
  officeId = await unitId(api, OFFICE);
  personA = await createPerson(api, officeId, `点名甲${suffix}`);
  personB = await createPerson(api, officeId, `点名乙${suffix}`);
  rollCall = await scheduleRollCall(api, officeId, `周点名${suffix}`, [personA, personB]);
});

test.afterAll(async () => {
  for (const context of open) await context.close().catch(() => {});
});

test("a person verifies, checks the camera, waits, joins when the officer opens, and alone gets the challenge when called", async ({ browser }) => {
  // Three browsers and a live call on two cores.
  test.slow();
  const a = await phone(browser);
  const linkA = rollCall.entries[personA.id]!.link;
  await a.page.goto(linkA);
  await expect(a.page.getByTestId("rollcall-title")).toHaveText(`周点名${suffix}`);
  await expect(a.page.getByTestId("verify-step")).toContainText(OFFICE);

  // A wrong code: the page says how many tries are left.
  await enterCode(a.page, wrongCode(personA.idLast4));
  await expect(a.page.getByTestId("attempts-left")).toHaveText(formatMessage(t.verify.attemptsLeft, { count: 4 }));
  await expect(a.page.getByText(t.verify.wrongCode)).toBeVisible();

  // The right one: the device preview, then the waiting screen.
  await enterCode(a.page, personA.idLast4);
  await expect(a.page.getByTestId("preview-step")).toBeVisible();
  await expect(a.page.getByTestId("camera-preview").locator("video")).toBeVisible({ timeout: 15_000 });
  const next = a.page.getByRole("button", { name: t.preview.next, exact: true });
  await expect(next).toBeEnabled({ timeout: 15_000 });
  await next.click();
  await expect(a.page.getByTestId("waiting-step")).toContainText(t.waiting.heading);
  await expect(a.page.getByTestId("waiting-clock")).toHaveText(/^\d{2}:\d{2}:\d{2}$/);

  // A reload while waiting comes back to the waiting screen, without the code.
  await a.page.reload();
  await expect(a.page.getByTestId("waiting-step")).toBeVisible();

  const b = await phone(browser);
  const linkB = rollCall.entries[personB.id]!.link;
  await verifyAndWait(b.page, linkB, personB.idLast4);
  // From here B can learn that the call opened only by the push (its link's event stream): the
  // page's own asking is cut. And it must get there without a reload.
  const ownAsking = (url: URL) => url.pathname === `/api/v1${linkB}`;
  await b.page.route(ownAsking, (route) => route.abort());
  await b.page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));

  // The officer opens the call (as the console does) and enters the roll call's room.
  const opened = await officer.api.post<{ grant: { room: { id: string } } }>(`/api/v1/rollcalls/${rollCall.id}/open`);
  await officer.page.goto(`/rooms/${opened.grant.room.id}/call`);
  const join = officer.page.getByRole("button", { name: zh.join.join, exact: true });
  await expect(join).toBeEnabled({ timeout: 15_000 });
  await join.click();
  const officerId = await selfId(officer.page);

  // Both persons join by themselves and decode the officer's video.
  await expect(a.page.getByTestId("link-call")).toBeVisible({ timeout: 20_000 });
  await expect(b.page.getByTestId("link-call")).toBeVisible({ timeout: 20_000 });
  await expectDecoding(a.page, [officerId]);
  await expectDecoding(b.page, [officerId]);
  expect(await b.page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await b.page.unroute(ownAsking);
  // A person sees staff only, and a small picture of themselves.
  await expect(a.page.getByTestId("peer-tile")).toHaveCount(1);
  await expect(a.page.getByTestId("peer-tile")).toHaveAttribute("data-peer-id", officerId);
  await expect(a.page.getByTestId("self-tile")).toBeVisible();

  // The officer calls A: A is told to look at the camera and gets the challenge; B only the name.
  const called = await officer.api.post<{ challenge: { kind: "digits" | "head"; value: string }; delivered: boolean }>(
    `/api/v1/rollcalls/${rollCall.id}/entries/${rollCall.entries[personA.id]!.entryId}/call`,
  );
  expect(called.delivered).toBe(true);
  await expect(a.page.getByTestId("spotlight-banner")).toHaveText(t.call.calledYou);
  const card = a.page.getByTestId("challenge-card");
  await expect(card).toHaveAttribute("data-kind", called.challenge.kind);
  if (called.challenge.kind === "digits") {
    await expect(card).toContainText(t.call.readDigits);
    await expect(a.page.getByTestId("challenge-digits")).toHaveText(called.challenge.value.split("").join(" "));
  } else {
    await expect(a.page.getByTestId("challenge-move")).toHaveText(t.call.head[called.challenge.value as "left" | "right" | "nod"]);
  }
  await expect(b.page.getByTestId("spotlight-banner")).toHaveText(formatMessage(t.call.calling, { name: personA.name }));
  await expect(b.page.getByTestId("challenge-card")).toHaveCount(0);

  // The officer marks A: the call is over on every page, banner and challenge alike.
  await officer.api.post(`/api/v1/rollcalls/${rollCall.id}/entries/${rollCall.entries[personA.id]!.entryId}/mark`, { status: "present" });
  for (const person of [a, b]) await expect(person.page.getByTestId("spotlight-banner")).toHaveCount(0);
  await expect(a.page.getByTestId("challenge-card")).toHaveCount(0);

  // A reload in the call goes straight back in, no code asked, and the video comes back.
  await a.page.reload();
  await expect(a.page.getByTestId("link-call")).toBeVisible({ timeout: 20_000 });
  await expectDecoding(a.page, [officerId]);

  // The officer ends the roll call: both pages say it is over.
  await officer.api.post(`/api/v1/rollcalls/${rollCall.id}/end`);
  for (const person of [a, b]) {
    await expect(person.page.getByTestId("link-refusal")).toContainText(t.refusal.ended.title, { timeout: 20_000 });
  }
});

test("refuses an ended, revoked or cancelled link, and a link made from another roll call's entry, with a page and no way in", async ({ browser }) => {
  const { page } = await phone(browser);
  const refusal = async (link: string, reason: string, title: string) => {
    await page.goto(link);
    await expect(page.getByTestId("link-refusal")).toContainText(title);
    await expect(page.locator(`[data-reason="${reason}"]`)).toBeVisible();
    await expect(page.getByLabel(t.verify.label)).toHaveCount(0);
  };
  // The roll call of the first test has ended: its links are over.
  await refusal(rollCall.entries[personA.id]!.link, "ended", t.refusal.ended.title);

  const y = await scheduleRollCall(officer.api, officeId, `另一次点名${suffix}`, [personA, personB]);
  // Tomorrow's, so that it can still be cancelled.
  const x = await scheduleRollCall(officer.api, officeId, `再一次点名${suffix}`, [personA], 24 * 60);
  // X's signature on Y's roster line: neither X's nor Y's link.
  const [, macOfX] = x.entries[personA.id]!.link.replace(/^\/r\//, "").split(".");
  await refusal(`/r/${y.entries[personA.id]!.entryId}.${macOfX}`, "not_found", t.refusal.not_found.title);
  await refusal("/r/not-a-link", "not_found", t.refusal.not_found.title);

  // A ticket earned on X's link does not join Y.
  const tokenX = x.entries[personA.id]!.link.replace(/^\/r\//, "");
  const tokenY = y.entries[personA.id]!.link.replace(/^\/r\//, "");
  const verified = await page.request.post(`/api/v1/r/${tokenX}/verify`, { data: { idLast4: personA.idLast4 } });
  const { ticket } = (await verified.json()) as { ticket: string };
  await officer.api.post(`/api/v1/rollcalls/${y.id}/open`);
  expect((await page.request.post(`/api/v1/r/${tokenY}/join`, { data: { ticket } })).status()).toBe(403);

  // Revoked (without a new link): its own page.
  await officer.api.post(`/api/v1/rollcalls/${y.id}/entries/${y.entries[personB.id]!.entryId}/link`, { reissue: false });
  await refusal(y.entries[personB.id]!.link, "revoked", t.refusal.revoked.title);

  // Cancelled before the start.
  await officer.api.post(`/api/v1/rollcalls/${x.id}/cancel`);
  await refusal(x.entries[personA.id]!.link, "cancelled", t.refusal.cancelled.title);
  await officer.api.post(`/api/v1/rollcalls/${y.id}/end`);
});

test("locks the link after 5 wrong codes, counting down the tries, and stays locked after a reload", async ({ browser }) => {
  const { page } = await phone(browser);
  const z = await scheduleRollCall(officer.api, officeId, `锁定测试${suffix}`, [personB], 60);
  const link = z.entries[personB.id]!.link;
  await page.goto(link);
  const wrong = wrongCode(personB.idLast4);
  for (let left = 4; left >= 1; left--) {
    await enterCode(page, wrong);
    await expect(page.getByTestId("attempts-left")).toHaveAttribute("data-count", String(left));
  }
  await enterCode(page, wrong);
  await expect(page.getByTestId("link-refusal")).toContainText(t.refusal.locked.title);
  await expect(page.locator('[data-reason="locked"]')).toContainText("工作人员");
  await page.reload();
  await expect(page.locator('[data-reason="locked"]')).toBeVisible();
  await expect(page.getByLabel(t.verify.label)).toHaveCount(0);
  await officer.api.post(`/api/v1/rollcalls/${z.id}/cancel`);
});
