import fs from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { callState, expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { startNetworkStack, signalingOrigins, type NetworkStack } from "./support/network-stack.ts";
import { createReportCallToChildren } from "./support/report-call.ts";
import { scheduleRollCall, startRollCall } from "./support/rollcall-console.ts";
import { verifyAndWait } from "./support/rollcall-link.ts";

// The media network end to end (issue 11): the portal and a media node per center — 司法部, 广东省,
// 佛山市, 高明区, 荷城司法所 and 南海区 — each its own process linked to its parent, started by the
// launcher of `npm run demo:network` on loopback ports. A roll call at 荷城 (persons and officer on
// the 荷城 node) is watched by a 司法部 inspector through his own node, 4 hops up; the 佛山 node is
// killed mid-call and comes back; then 佛山 calls its two counties, each answering from its own
// node. Decoded frames (getStats) throughout.
test.describe.configure({ mode: "serial" });

const suffix = String(Date.now()).slice(-6);
type Browserish = { context: BrowserContext; page: Page };
const contexts: Browserish[] = [];
let stack: NetworkStack;

// Ports of this spec's nodes: 4850 up (E2E_NETWORK_MEDIA_PORT moves them), RTC 48500 up.
const MEDIA_PORT = Number(process.env.E2E_NETWORK_MEDIA_PORT ?? 4850);
const TREE: Array<[string, string | null]> = [["moj", null], ["gd", "moj"], ["fs", "gd"], ["gm", "fs"], ["hc", "gm"], ["nh", "fs"]];

const participant = async (browser: import("@playwright/test").Browser, phone = false) => {
  const who = await newParticipant(browser, { baseURL: stack.portalUrl, phone });
  contexts.push(who);
  return { ...who, origins: signalingOrigins(who.page) };
};

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);
  // E2E_NETWORK_NETNS=1 (root): the same test with each node in its own network namespace.
  stack = await startNetworkStack({ nodes: TREE.map(([id]) => id), mediaPort: MEDIA_PORT, rtcPort: MEDIA_PORT * 10, netns: process.env.E2E_NETWORK_NETNS === "1" });
});

test.afterAll(async ({}, testInfo) => {
  for (const who of contexts) await who.context.close().catch(() => {});
  await stack?.stop();
  // The portal's and the nodes' own words, for a failure's post-mortem.
  if (stack) fs.writeFileSync(testInfo.outputPath("network-stack.log"), stack.output());
});

test("the launcher starts one node per center, each linked to its parent", async () => {
  expect([...stack.nodes.values()].map((n) => [n.id, n.parent])).toEqual(TREE);
  expect(new Set([...stack.nodes.values()].map((n) => n.url)).size).toBe(TREE.length);
  for (const [id, parent] of TREE) {
    if (!parent) continue;
    // Both ends say the link is up.
    await expect.poll(() => stack.linkMetric(id, "media_link_up", parent), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => stack.linkMetric(parent, "media_link_up", id), { timeout: 30_000 }).toBe(1);
  }
});

let roomId: string;
let officerId: string;
const personIds: string[] = [];
let officer: Browserish & { origins: () => string[] };
let watcher: { page: Page; ids: string[] };
const persons: Array<Browserish & { origins: () => string[] }> = [];

test("a roll call at 荷城 runs on the 荷城 node: two persons and the officer, and the called person gets the challenge", async ({ browser }) => {
  test.slow();
  officer = await participant(browser);
  await signInByApi(officer.page, "hc.officer");
  const scheduled = await scheduleRollCall(officer.page, `五级督察 ${suffix}`, 2);
  for (const person of scheduled.people) {
    const who = await participant(browser);
    await verifyAndWait(who.page, `/r/${person.token}`, person.idLast4);
    persons.push(who);
  }
  officerId = await startRollCall(officer.page, scheduled.id);
  for (const who of persons) personIds.push(await selfId(who.page));
  await expectDecoding(officer.page, personIds);
  for (const who of [officer, ...persons]) expect(who.origins()).toEqual([stack.node("hc").url]);
  // Calling the next person: the portal sends the spotlight to the room's home node (not the
  // network's top node), and the called person alone gets the liveness challenge.
  await officer.page.getByRole("button", { name: /叫下一位/ }).click();
  await expect(officer.page.getByTestId("expected-answer")).toBeVisible();
  await expect.poll(async () => (await Promise.all(persons.map((who) => who.page.getByTestId("challenge-card").count()))).reduce((a, b) => a + b), { timeout: 15_000 }).toBe(1);
  const live = await officer.page.evaluate(async () => (await fetch("/api/v1/inspection/live?kind=rollcall")).json());
  roomId = live.items.find((item: { title: string }) => item.title === `五级督察 ${suffix}`)?.roomId;
  expect(roomId).toMatch(/^[0-9a-f-]{36}$/);
});

test("a 司法部 inspector watches it through the ministry's node, 4 hops up, decoding everyone, listed to nobody", async ({ browser }) => {
  test.slow();
  const inspector = await participant(browser);
  const { page } = inspector;
  await signInByApi(page, "moj.inspector");
  await page.goto("/inspection");
  const tile = page.locator(`[data-testid="live-tile"][data-room="${roomId}"]`);
  await expect(tile).toContainText(`五级督察 ${suffix}`);
  await tile.scrollIntoViewIfNeeded();
  type WallTile = { roomId: string; framesDecoded: number };
  const tileFrames = async () =>
    (await page.evaluate(() => (window as unknown as { __ygavWall?: { tiles(): Promise<WallTile[]> } }).__ygavWall?.tiles() ?? [])).find((t) => t.roomId === roomId)?.framesDecoded ?? 0;
  let first = 0;
  await expect.poll(async () => (first = await tileFrames()), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(tileFrames, { timeout: 10_000 }).toBeGreaterThan(first);
  expect(inspector.origins()).toEqual([stack.node("moj").url]);

  await tile.click();
  await expect(page).toHaveURL(new RegExp(`/inspection/rooms/${roomId}$`));
  const join = page.getByRole("button", { name: zh.join.join, exact: true });
  await expect(join).toBeEnabled({ timeout: 15_000 });
  await join.click();
  const inspectorId = await selfId(page);
  expect(inspectorId).toMatch(/^insp:/);
  await expectDecoding(page, [...personIds, officerId], 30_000);
  // Served by the ministry's node only: the page never opened signaling anywhere else.
  expect(inspector.origins()).toEqual([stack.node("moj").url]);
  // The streams came down the tree hop by hop: 荷城 → 高明区 → 佛山 → 广东省 → 司法部.
  for (const [id, parent] of [["hc", "gm"], ["gm", "fs"], ["fs", "gd"], ["gd", "moj"]] as const) {
    await expect.poll(() => stack.linkMetric(id, "media_link_streams_out", parent), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  }
  await expect.poll(() => stack.linkMetric("moj", "media_link_recv_bitrate_bps", "gd"), { timeout: 15_000 }).toBeGreaterThan(0);
  // Listed to nobody: neither the persons nor the roll call's officer know of the inspector.
  for (const who of [officer, ...persons]) {
    const peers = (await callState(who.page))!.peers.map((peer) => peer.id);
    expect(peers).not.toContain(inspectorId);
  }
  await page.screenshot({ path: test.info().outputPath("network-inspection-room.png") });
  // Those local to 荷城 still decode one another as before.
  await expectDecoding(officer.page, personIds);
  watcher = { page, ids: [...personIds, officerId] };
});

test("the 佛山 node dies mid-call: 荷城 carries on, and the ministry decodes again within 10 s of its return", async () => {
  test.slow();
  const fs = stack.pid("media node fs");
  process.kill(fs, "SIGKILL");
  // 荷城's own people keep decoding one another while the link above 高明区 is gone.
  await expect.poll(() => stack.linkMetric("gm", "media_link_up", "fs"), { timeout: 15_000 }).toBe(0);
  await expectDecoding(officer.page, personIds);
  for (const who of persons) await expectDecoding(who.page, [officerId]);
  // The supervisor starts it again; from the moment it answers, the ministry has 10 s.
  await stack.restarted("media node fs", fs);
  await expect.poll(async () => (await fetch(`${stack.node("fs").url}/health`).catch(() => null))?.ok ?? false, { timeout: 30_000, intervals: [100] }).toBe(true);
  const back = Date.now();
  await expectDecoding(watcher.page, watcher.ids, 10_000);
  const seconds = ((Date.now() - back) / 1000).toFixed(1);
  test.info().annotations.push({ type: "video back upstream after the node answered", description: `${seconds} s` });
  console.log(`[network.spec] the ministry decoded everyone again ${seconds} s after the 佛山 node answered`);
  // Still listed to nobody after the links were rebuilt.
  const inspectorId = (await callState(watcher.page))!.self!.id;
  for (const who of [officer, ...persons]) expect((await callState(who.page))!.peers.map((peer) => peer.id)).not.toContain(inspectorId);
  await watcher.page.close();
});

test("佛山 calls a live report: each county answers from its own node and the caller decodes both", async ({ browser }) => {
  test.slow();
  const t = zh.reportCalls;
  const title = `五级汇报 ${suffix}`;
  // The roll call's people leave: two cores.
  for (const who of contexts.splice(0)) await who.context.close();
  const caller = await participant(browser);
  await signInByApi(caller.page, "fs.admin");
  const reportId = await createReportCallToChildren(caller.page, title, 2);

  const counties: Array<{ page: Page; node: string; peerId: string; origins: () => string[] }> = [];
  for (const [username, node] of [["gm.officer", "gm"], ["nh.officer", "nh"]] as const) {
    const who = await participant(browser, true);
    await signInByApi(who.page, username);
    await who.page.goto("/persons");
    const ring = who.page.getByTestId("report-ring");
    await expect(ring).toContainText(title, { timeout: 15_000 });
    await ring.getByTestId("report-answer").click();
    await expect(who.page).toHaveURL(new RegExp(`/reports/${reportId}/call$`));
    const join = who.page.getByRole("button", { name: zh.join.join, exact: true });
    await expect(join).toBeEnabled({ timeout: 15_000 });
    await join.click();
    counties.push({ page: who.page, node, peerId: await selfId(who.page), origins: who.origins });
  }

  const room = await caller.context.newPage();
  const callerOrigins = signalingOrigins(room);
  await room.goto(`/reports/${reportId}/call`);
  const join = room.getByRole("button", { name: zh.join.join, exact: true });
  await expect(join).toBeEnabled({ timeout: 15_000 });
  await join.click();
  const callerId = await selfId(room);
  await expectDecoding(room, counties.map((c) => c.peerId), 30_000);
  for (const county of counties) await expectDecoding(county.page, [callerId], 30_000);
  // Each where it belongs: the caller on 佛山's node, each county on its own.
  expect(callerOrigins()).toEqual([stack.node("fs").url]);
  for (const county of counties) expect(county.origins()).toEqual([stack.node(county.node).url]);

  for (const unit of ["高明区司法局", "南海区司法局"]) {
    const row = caller.page.locator(`[data-testid="report-center"][data-unit="${unit}"]`);
    await row.getByRole("button", { name: t.call }).click();
    await row.getByRole("button", { name: t.markReported }).click();
    await expect(row.getByTestId("center-status")).toHaveText(t.status.reported);
  }
});
