import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { callState, expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { scheduleRollCall, startRollCall } from "./support/rollcall-console.ts";
import { verifyAndWait } from "./support/rollcall-link.ts";

// Remote inspection (issue 11 §3), end to end on one media node: a roll call at 荷城 with two
// persons and its officer; a 司法部 inspector on a 375-px phone opens /inspection, sees the roll
// call's tile decode (getStats), opens it, decodes both persons and the officer, and is listed to
// nobody, the officer included. Four browser contexts (2 cores).
test.describe.configure({ mode: "serial" });

const suffix = String(Date.now()).slice(-6);
type Browserish = { context: BrowserContext; page: Page };
const contexts: Browserish[] = [];
let officer: Browserish;
let officerId: string;
let roomId: string;
const personIds: string[] = [];
const persons: Browserish[] = [];

type WallTile = { roomId: string; framesDecoded: number; frameHeight: number };
const wallTiles = (page: Page) => page.evaluate(() => (window as unknown as { __ygavWall?: { tiles(): Promise<WallTile[]> } }).__ygavWall?.tiles() ?? []);

test.afterAll(async () => {
  for (const who of contexts) await who.context.close().catch(() => {});
});

test("a roll call at 荷城 runs with two persons", async ({ browser }) => {
  test.slow();
  officer = await newParticipant(browser);
  contexts.push(officer);
  await signInByApi(officer.page, "hc.officer");
  const scheduled = await scheduleRollCall(officer.page, `督察点名 ${suffix}`, 2);
  for (const person of scheduled.people) {
    const who = await newParticipant(browser);
    contexts.push(who);
    await verifyAndWait(who.page, `/r/${person.token}`, person.idLast4);
    persons.push(who);
  }
  officerId = await startRollCall(officer.page, scheduled.id);
  for (const who of persons) personIds.push(await selfId(who.page));
  await expectDecoding(officer.page, personIds);
  const live = await officer.page.evaluate(async () => (await fetch("/api/v1/inspection/live?kind=rollcall")).json());
  roomId = live.items.find((item: { title: string }) => item.title === `督察点名 ${suffix}`)?.roomId;
  expect(roomId).toMatch(/^[0-9a-f-]{36}$/);
});

test("a 司法部 inspector sees the roll call's tile decode on the wall, opens it unseen and decodes everyone", async ({ browser }) => {
  test.slow();
  const inspector = await newParticipant(browser, { phone: true });
  contexts.push(inspector);
  const { page } = inspector;
  await signInByApi(page, "moj.inspector");
  await page.goto("/inspection");
  await expect(page.getByRole("heading", { name: zh.inspection.title })).toBeVisible();
  const tile = page.locator(`[data-testid="live-tile"][data-room="${roomId}"]`);
  await expect(tile).toBeVisible();
  await expect(tile).toContainText(`督察点名 ${suffix}`);
  await page.screenshot({ path: test.info().outputPath("inspection-wall-top-375.png") });
  // Off screen a tile asks for nothing; brought into view it connects.
  await tile.scrollIntoViewIfNeeded();
  // The tile decodes video (frames grow), at the lowest simulcast layer.
  let first = 0;
  await expect.poll(async () => (first = (await wallTiles(page)).find((t) => t.roomId === roomId)?.framesDecoded ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await wallTiles(page)).find((t) => t.roomId === roomId)?.framesDecoded ?? 0, { timeout: 10_000 }).toBeGreaterThan(first);
  const height = (await wallTiles(page)).find((t) => t.roomId === roomId)!.frameHeight;
  expect(height).toBeGreaterThan(0);
  expect(height).toBeLessThanOrEqual(240);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: test.info().outputPath("inspection-wall-375.png"), fullPage: true });

  await tile.click();
  await expect(page).toHaveURL(new RegExp(`/inspection/rooms/${roomId}$`));
  await expect(page.getByTestId("inspection-bar")).toContainText(zh.inspection.watchingUnseen);
  // Read-only: no "speak" for an inspector.
  await expect(page.getByRole("link", { name: zh.inspection.speak })).toHaveCount(0);
  const join = page.getByRole("button", { name: zh.join.join, exact: true });
  await expect(join).toBeEnabled({ timeout: 15_000 });
  await join.click();
  const inspectorId = await selfId(page);
  expect(inspectorId).toMatch(/^insp:/);
  await expectDecoding(page, [...personIds, officerId]);
  await page.screenshot({ path: test.info().outputPath("inspection-room-375.png") });
  // Listed to nobody: neither the persons nor the roll call's own officer know of the inspector.
  for (const who of [officer, ...persons]) {
    const peers = (await callState(who.page))!.peers.map((peer) => peer.id);
    expect(peers).not.toContain(inspectorId);
  }
  // The history (watching side) shows the look, with its start; 荷城 does not see it.
  await page.goto("/inspection/history");
  await expect(page.getByTestId("inspection-history")).toContainText(`督察点名 ${suffix}`);
  const hc = await officer.page.evaluate(async () => (await fetch("/api/v1/inspection/history")).json());
  expect(hc.items).toEqual([]);
});
