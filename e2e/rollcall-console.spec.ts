import { expect, test, type BrowserContext, type Page, type Route } from "@playwright/test";
import { callState, deliveredVideo, expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";
import { scheduleRollCall, startRollCall, type RosterPerson } from "./support/rollcall-console.ts";
import { verifyAndWait } from "./support/rollcall-link.ts";

// The officer's console of a roll call, end to end: real portal, media node and Chromium with
// fake cameras. Video is asserted through getStats (decoded frames, frame height), never text.
// Two persons wait on their personal link pages and join when the console opens the call; the
// officer calls one (the challenge shows on that person's page only), judges it, stores a
// snapshot and marks with the keyboard; a reload rebuilds everything; a superior watches
// unseen; the end closes the room for everyone. Four browser contexts at most (2 cores).
test.describe.configure({ mode: "serial" });

const suffix = String(Date.now()).slice(-6);
const t = zh.rollcallConsole;
type Browserish = { context: BrowserContext; page: Page };
let officer: Browserish;
let observer: Browserish | undefined;
const persons: Array<Browserish & { person: RosterPerson; peerId: string }> = [];
let rollCallId: string;

const rosterRow = (page: Page, person: RosterPerson) => page.locator(`[data-testid="roster-entry"][data-entry-id="${person.entryId}"]`);
// Read through the page's own fetch: the API client's idle keep-alive sockets get reset by the
// portal between the long media waits.
const rollCallRecord = (page: Page) => page.evaluate(async (id) => (await fetch(`/api/v1/rollcalls/${id}`)).json(), rollCallId);
const entryOf = async (page: Page, person: RosterPerson) => (await rollCallRecord(page)).entries.find((e: { id: string }) => e.id === person.entryId);

test.afterAll(async () => {
  for (const who of [officer, observer, ...persons]) await who?.context.close().catch(() => {});
});

test("the officer opens the console; joined persons appear in the grid and roster, and their video decodes", async ({ browser }) => {
  test.slow();
  officer = await newParticipant(browser);
  await signInByApi(officer.page, "hc.officer");
  const scheduled = await scheduleRollCall(officer.page, `控制台点名 ${suffix}`, 2);
  rollCallId = scheduled.id;
  const waiting = [];
  for (const [index, person] of scheduled.people.entries()) {
    const browserContext = await newParticipant(browser, { phone: index === 1 });
    await verifyAndWait(browserContext.page, `/r/${person.token}`, person.idLast4);
    waiting.push({ ...browserContext, person });
  }
  // 开始点名 on the ready console opens the call: the waiting persons join by themselves.
  await startRollCall(officer.page, rollCallId);
  await expect(officer.page.getByTestId("roster-entry")).toHaveCount(2);
  await expect(officer.page.getByTestId("shortcut-legend")).toBeVisible();
  for (const person of waiting) persons.push({ ...person, peerId: await selfId(person.page) });
  // The tile of a peer is the roster entry of the person in the token's subject.
  for (const { person, peerId } of persons) {
    expect(peerId).toBe(`person:${person.personId}`);
    await expect(officer.page.locator(`[data-testid="participant-tile"][data-peer-id="${peerId}"]`)).toHaveAttribute("data-entry-id", person.entryId);
    // The node's join report reaches the roster through the portal within seconds.
    await expect(rosterRow(officer.page, person)).toHaveAttribute("data-online", "true");
    await expect.poll(async () => (await entryOf(officer.page, person)).joinedAt, { timeout: 10_000 }).not.toBeNull();
  }
  await expectDecoding(officer.page, persons.map((p) => p.peerId));
  await expect(officer.page.getByTestId("console-counts").locator('[data-status="pending"] dd')).toHaveText("2");
});

test("calling a person spotlights them at the full 480 lines of their camera with the expected answer; verdict, snapshot and a keyboard mark are saved", async () => {
  const [a, b] = persons;
  const { page } = officer;
  await rosterRow(page, a!.person).getByRole("button", { name: formatMessage(t.callNamed, { name: a!.person.name }) }).click();
  await expect(page.getByTestId("spotlight-name")).toHaveText(a!.person.name);
  await expect(page.getByTestId("answer-timer")).toContainText(/\d+/);
  const expected = page.getByTestId("expected-answer");
  await expect(expected).toBeVisible();
  const stored = await entryOf(page, a!.person);
  // What the officer is shown is the server's challenge, picked at the call.
  await expect(expected).toHaveAttribute("data-kind", stored.challenge.kind);
  await expect(expected).toHaveAttribute("data-value", stored.challenge.value);
  // The question is on the called person's screen, and only there.
  await expect(a!.page.getByTestId("challenge-card")).toHaveAttribute("data-kind", stored.challenge.kind);
  await expect(b!.page.getByTestId("challenge-card")).toHaveCount(0);

  // The spotlight asks for the top simulcast layer, the grid tile of the other for the lowest. The
  // fake camera is 640×480, sent as 240 and 480 lines: the spotlight shows the full 480 (it got
  // only 240 while three layers were asked of a VGA camera and Chromium dropped the top one).
  const delivered = async () => ({ spotlight: await deliveredVideo(page, a!.peerId), grid: await deliveredVideo(page, b!.peerId) });
  await expect.poll(async () => {
    const { spotlight, grid } = await delivered();
    return spotlight.frameHeight === 480 && grid.frameHeight > 0 && grid.frameHeight <= 240;
  }, { timeout: 20_000, message: "spotlight at 480 lines, grid tile at most 240" }).toBe(true);
  const measured = await delivered();
  test.info().annotations.push({ type: "delivered video", description: JSON.stringify(measured) });
  console.log(`delivered video (VGA camera): ${JSON.stringify(measured)}`);

  await page.keyboard.press("p");
  await expect(page.getByTestId("challenge-result")).toHaveAttribute("data-result", "passed");
  await page.keyboard.press("s");
  const thumbnail = page.getByTestId("evidence-thumbnail");
  await expect(thumbnail).toBeVisible();
  // The stored frame is a real picture: the thumbnail decodes, and the API serves a JPEG.
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
  const evidence = await page.evaluate(async (src) => {
    const response = await fetch(src!);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { type: response.headers.get("content-type"), head: [bytes[0], bytes[1]], length: bytes.length };
  }, await thumbnail.getAttribute("src"));
  expect(evidence).toMatchObject({ type: "image/jpeg", head: [0xff, 0xd8] });
  expect(evidence.length).toBeGreaterThan(2000);

  await page.keyboard.press("1");
  await expect(page.getByTestId("spotlight").getByTestId("mark-state")).toHaveAttribute("data-state", "saved");
  await expect(rosterRow(page, a!.person)).toHaveAttribute("data-status", "present");
  expect(await entryOf(page, a!.person)).toMatchObject({ status: "present", challenge: { result: "passed" } });
  await expect(page.getByTestId("console-counts").locator('[data-status="present"] dd')).toHaveText("1");
});

test("a mark made while the officer is offline stays visible as unsaved and is saved once back online", async () => {
  const [, b] = persons;
  const { page, context } = officer;
  await page.keyboard.press("n");
  await expect(page.getByTestId("spotlight-name")).toHaveText(b!.person.name);
  // Offline emulation let a mark through once on a loaded machine (the request raced the
  // emulation reaching the page); failing the mark request itself makes "offline" certain.
  const markRequests = "**/api/v1/rollcalls/*/entries/*/mark";
  await page.route(markRequests, (route) => route.abort("internetdisconnected"));
  await context.setOffline(true);
  await page.keyboard.press("2");
  await expect(page.getByTestId("unsaved-marks")).toBeVisible();
  await expect(rosterRow(page, b!.person)).toHaveAttribute("data-status", "late");
  await expect(page.getByTestId("spotlight").getByTestId("mark-state")).toHaveAttribute("data-state", "failed");
  await context.setOffline(false);
  await page.unroute(markRequests);
  await expect(page.getByTestId("spotlight").getByTestId("mark-state")).toHaveAttribute("data-state", "saved", { timeout: 20_000 });
  await expect(page.getByTestId("unsaved-marks")).toHaveCount(0);
  expect((await entryOf(page, b!.person)).status).toBe("late");
});

test("a mark whose request never answers is sent again after its deadline and saved, and the officer's next mark wins", async () => {
  test.slow();
  const [, b] = persons;
  const { page } = officer;
  await expect(page.getByTestId("spotlight-name")).toHaveText(b!.person.name);
  // The first request is swallowed (a Wi-Fi that drops mid-request): no answer, no error.
  const markRequests = "**/api/v1/rollcalls/*/entries/*/mark";
  let swallowed: Route | null = null;
  await page.route(markRequests, (route) => {
    if (swallowed) return route.continue();
    swallowed = route;
  });
  // 缺席 (4): 请假 (3) first asks for its reason (e2e/rollcall-pass2.spec.ts).
  await page.keyboard.press("4");
  const state = page.getByTestId("spotlight").getByTestId("mark-state");
  await expect(state).toHaveAttribute("data-state", "saving");
  await expect(state).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(state).toHaveAttribute("data-state", "saved", { timeout: 30_000 });
  expect(swallowed).not.toBeNull();
  expect((await entryOf(page, b!.person)).status).toBe("absent");
  await page.keyboard.press("2");
  await expect(rosterRow(page, b!.person)).toHaveAttribute("data-status", "late");
  await expect.poll(async () => (await entryOf(page, b!.person)).status).toBe("late");
  await (swallowed as Route | null)?.abort().catch(() => {});
  await page.unroute(markRequests);
  await expect(page.getByTestId("unsaved-marks")).toHaveCount(0);
});

test("after a reload the console rebuilds marks, the called person and the evidence from the API, and the video resumes", async () => {
  const [a, b] = persons;
  const { page } = officer;
  await page.reload();
  await expect(page.getByTestId("rollcall-console")).toBeVisible();
  await expect(rosterRow(page, a!.person)).toHaveAttribute("data-status", "present");
  await expect(rosterRow(page, b!.person)).toHaveAttribute("data-status", "late");
  await expect(page.getByTestId("spotlight-name")).toHaveText(b!.person.name);
  await expectDecoding(page, persons.map((p) => p.peerId));
  // Calling A again shows the evidence and verdict stored before the reload are kept on the record.
  expect(await entryOf(page, a!.person)).toMatchObject({ status: "present", evidenceUrl: expect.stringContaining("/evidence/") });
});

test("a superior opens the console as an invisible observer: read-only, decoding video, never listed to the persons", async ({ browser }) => {
  test.slow();
  // On a 375-px phone: the roster folds into a drawer.
  observer = await newParticipant(browser, { phone: true });
  await signInByApi(observer.page, "fs.inspector");
  await observer.page.goto(`/rollcalls/${rollCallId}/console`);
  await expect(observer.page.getByTestId("rollcall-console")).toHaveAttribute("data-role", "observer");
  await expect(observer.page.getByTestId("observer-banner")).toHaveText(t.observer.banner);
  const observerId = await selfId(observer.page);
  expect((await callState(observer.page))!.self!.observer).toBe(true);
  await expect(observer.page.getByTestId("call-next")).toHaveCount(0);
  await expect(observer.page.getByTestId("spotlight").getByRole("button")).toHaveCount(0);
  await expectDecoding(observer.page, persons.map((p) => p.peerId));
  // The keys do nothing for an observer.
  await observer.page.keyboard.press("4");
  await expect(rosterRow(observer.page, persons[0]!.person)).toHaveAttribute("data-status", "present");
  expect(await observer.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await observer.page.getByTestId("open-roster").click();
  const drawer = observer.page.getByRole("dialog", { name: formatMessage(t.roster, { count: 2 }) });
  await expect(drawer.getByTestId("roster-entry")).toHaveCount(2);
  await expect(drawer.getByTestId("roster-entry").first()).toBeVisible();
  await drawer.getByRole("button", { name: t.closeRoster }).click();
  await expect(drawer).toHaveCount(0);
  for (const { page } of persons) {
    const peers = (await callState(page))!.peers.map((peer) => peer.id);
    expect(peers).not.toContain(observerId);
  }
  // The officer (staff) does see who is watching.
  await expect.poll(async () => (await callState(officer.page))!.peers.some((peer) => peer.id === observerId && peer.observer)).toBe(true);
});

test("ending the roll call closes the room on every page", async () => {
  const { page } = officer;
  await page.getByRole("button", { name: t.end, exact: true }).click();
  await page.getByRole("button", { name: t.endConfirm, exact: true }).click();
  await expect(page.getByTestId("console-ended")).toBeVisible();
  for (const { page: personPage } of persons) {
    await expect(personPage.getByTestId("link-refusal")).toContainText(zh.rollcallLink.refusal.ended.title, { timeout: 20_000 });
  }
  await expect(observer!.page.getByTestId("console-ended")).toBeVisible({ timeout: 15_000 });
  expect((await rollCallRecord(page)).state).toBe("ended");
});
