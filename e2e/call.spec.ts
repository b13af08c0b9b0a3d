import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import {
  callState,
  createRoom,
  deliveredVideo,
  expectDecoding,
  joinAsGuest,
  joinAsHost,
  newParticipant,
  peerNamed,
  selfId,
  signInByApi,
  videoStats,
  type VideoStat,
} from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";

// One call story, three browser contexts at most (2 cores): a host and two guests (the second on
// a 375-px phone), then a host and a guest in a room with a lobby. Media is checked through
// getStats (decoded frames), never through page text: a frozen or black tile reads the same as a
// live one.
test.describe.configure({ mode: "serial" });

const MEDIA_METRICS = `http://127.0.0.1:${process.env.E2E_MEDIA_PORT ?? 4543}/metrics`;
const suffix = String(Date.now()).slice(-6);
const GUEST_A = "访客甲";
const GUEST_B = "访客乙";

type Participant = { context: BrowserContext; page: Page; id: string };
const people: Record<"host" | "a" | "b", Participant> = {} as never;
const others = (who: keyof typeof people) =>
  (Object.keys(people) as Array<keyof typeof people>).filter((key) => key !== who).map((key) => people[key].id);

test.afterAll(async () => {
  for (const person of Object.values(people)) await person.context.close().catch(() => {});
});

test("three participants in their own browsers each decode video from the other two", async ({ browser }) => {
  // Three joins and three browsers on two cores.
  test.slow();
  const host = await newParticipant(browser);
  await signInByApi(host.page, "gm.officer");
  const { id: roomId, guestLink } = await createRoom(host.page, `三方通话 ${suffix}`);
  people.host = { ...host, id: await joinAsHost(host.page, roomId) };
  for (const [key, name, phone] of [["a", GUEST_A, false], ["b", GUEST_B, true]] as const) {
    const guest = await newParticipant(browser, { phone });
    await joinAsGuest(guest.page, guestLink, name);
    people[key] = { ...guest, id: await selfId(guest.page) };
  }
  for (const key of ["host", "a", "b"] as const) await expectDecoding(people[key].page, others(key));
});

test("a shared screen takes the stage for everyone, decoded; stopping it gives the grid back", async () => {
  const host = people.host.page;
  await host.getByTestId("toggle-screen").click();
  // The sharer: a card in place of a mirror of their own screen, everyone else in the strip.
  await expect(host.getByTestId("presenting-card")).toBeVisible();
  await expect(host.getByTestId("stage-strip").getByTestId("peer-tile")).toHaveCount(2);
  for (const key of ["a", "b"] as const) {
    const { page } = people[key];
    const stage = page.getByTestId("call-stage");
    await expect(stage).toHaveAttribute("data-peer-id", people.host.id);
    await expect(stage.getByTestId("screen-tile")).toBeVisible();
    // The share itself arrives: its consumer's decoded frames grow, at a screen's size (the fake
    // screen is 1280×720; "detail" keeps the resolution, a loaded machine may still scale it).
    const screen = async () => (await callState(page))?.tracks.find((t) => t.source === "screen" && t.peerId === people.host.id)?.consumerId;
    await expect.poll(screen).toBeTruthy();
    const consumerId = (await screen())!;
    const decoded = async () => (await videoStats(page)).find((s) => s.consumerId === consumerId);
    await expect.poll(async () => (await decoded())?.framesDecoded ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = (await decoded())!.framesDecoded;
    await expect.poll(async () => (await decoded())!.framesDecoded, { timeout: 10_000 }).toBeGreaterThan(first);
    await expect.poll(async () => (await decoded())!.frameHeight, { timeout: 20_000 }).toBeGreaterThanOrEqual(360);
    // The stage is the largest picture: wider than any tile of the strip.
    const stageWidth = (await stage.boundingBox())!.width;
    for (const tile of await page.getByTestId("stage-strip").getByTestId("peer-tile").all()) expect((await tile.boundingBox())!.width).toBeLessThan(stageWidth / 2);
    await expect(page.getByTestId("video-grid")).toHaveCount(0);
  }
  await people.b.page.screenshot({ path: test.info().outputPath("phone-share-stage.png") });
  await people.a.page.screenshot({ path: test.info().outputPath("desktop-share-stage.png") });

  await host.getByTestId("toggle-screen").click();
  for (const key of ["host", "a", "b"] as const) {
    const { page } = people[key];
    await expect(page.getByTestId("video-grid")).toBeVisible();
    await expect(page.getByTestId("call-stage")).toHaveCount(0);
    await expect(page.getByTestId("screen-tile")).toHaveCount(0);
  }
  for (const key of ["a", "b"] as const) await expectDecoding(people[key].page, others(key));
});

test("on a 375-px phone the call fits the screen and every control is in reach", async () => {
  const { page } = people.b;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  for (const control of ["toggle-mic", "toggle-camera", "toggle-panel", "leave"]) {
    const box = (await page.getByTestId(control).boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 375 && box.y + box.height <= 667, control).toBe(true);
  }
  // Phone browsers cannot share their screen: the button is not offered.
  await expect(page.getByTestId("toggle-screen")).toHaveCount(0);
  await expect(people.host.page.getByTestId("toggle-screen")).toBeVisible();
});

test("a reload rejoins with the same identity, without the join screen", async () => {
  const { page, id } = people.a;
  await page.reload();
  expect(await selfId(page)).toBe(id);
  await expectDecoding(page, others("a"));
  await expect(page.getByLabel(zh.join.yourName)).toHaveCount(0);
});

test("the host mutes a guest: everyone sees it, and the guest is told", async () => {
  const host = people.host.page;
  await host.getByTestId("toggle-panel").click();
  await host.getByRole("button", { name: formatMessage(zh.call.panel.muteNamed, { name: GUEST_A }) }).click();

  await expect(people.a.page.getByTestId("muted-by-moderator")).toBeVisible();
  await expect.poll(async () => (await callState(people.a.page))?.local.mic?.mutedByModerator).toBe(true);
  for (const viewer of [people.host.page, people.b.page]) {
    await expect.poll(async () => peerNamed(await callState(viewer), GUEST_A)?.producers.find((p) => p.source === "mic")?.mutedByModerator).toBe(true);
    await expect(viewer.locator(`[data-testid="peer-tile"][data-peer-id="${people.a.id}"]`)).toHaveAttribute("data-mic", "moderator");
  }
});

test("a page that goes offline for a few seconds says so, and gets its video back without a reload", async () => {
  const { context, page } = people.b;
  await context.setOffline(true);
  await expect(page.getByTestId("reconnecting-banner")).toHaveText(zh.call.reconnecting.network);
  await page.waitForTimeout(3000);
  await context.setOffline(false);
  await expect(page.getByTestId("reconnecting-banner")).toHaveCount(0, { timeout: 20_000 });
  await expectDecoding(page, others("b"));
  for (const key of ["host", "a"] as const) await expectDecoding(people[key].page, others(key));
});

test("after the media worker is killed, video comes back on every page by itself", async () => {
  const pid = await busiestWorkerPid();
  const before = new Set((await Promise.all(Object.values(people).map((p) => videoStats(p.page)))).flat().map((s) => s.consumerId));
  const killedAt = Date.now();
  process.kill(pid, "SIGKILL");

  // Recovered = every page decodes frames, on new consumers, from both other participants. The
  // time printed includes this polling (three getStats per round), so it errs on the long side.
  const recovered = (stats: VideoStat[], from: string[]) => from.every((peerId) => stats.some((s) => s.peerId === peerId && !before.has(s.consumerId) && s.framesDecoded > 0));
  await expect
    .poll(async () => (await Promise.all((["host", "a", "b"] as const).map(async (key) => recovered(await videoStats(people[key].page), others(key))))).every(Boolean), {
      timeout: 30_000,
      intervals: [100],
    })
    .toBe(true);
  console.log(`worker-death recovery: ${Date.now() - killedAt} ms`);
  for (const key of ["host", "a", "b"] as const) await expectDecoding(people[key].page, others(key));
  // The moderator's mute survives the rebuild.
  expect((await callState(people.a.page))?.local.mic?.mutedByModerator).toBe(true);
});

test("the host removes a guest, who is shown the reason", async () => {
  const reason = "会见中使用手机录像";
  const host = people.host.page;
  await host.getByRole("button", { name: formatMessage(zh.call.panel.removeNamed, { name: GUEST_B }) }).click();
  await host.getByLabel(zh.call.panel.removeReason).fill(reason);
  await host.getByRole("button", { name: zh.call.panel.removeConfirm, exact: true }).click();

  const removed = people.b.page;
  await expect(removed.getByTestId("ended-screen")).toBeVisible();
  await expect(removed.getByRole("heading", { name: zh.call.ended.removed.title })).toBeVisible();
  await expect(removed.getByTestId("ended-reason")).toHaveText(formatMessage(zh.call.ended.reason, { reason }));
  expect((await callState(removed))?.ended).toEqual({ kind: "removed", message: reason });
  await expect.poll(async () => peerNamed(await callState(host), GUEST_B)).toBeUndefined();
});

test("in a room that asks for admission a guest waits until the host admits, then gets video", async ({ browser }) => {
  await people.a.context.close();
  await people.b.context.close();
  const host = people.host.page;
  const { id: roomId, guestLink } = await createRoom(host, `需准许 ${suffix}`, true);
  const hostId = await joinAsHost(host, roomId);

  const guest = await newParticipant(browser);
  people.a = { ...guest, id: "" };
  await joinAsGuest(guest.page, guestLink, "访客丙");
  await expect(guest.page.getByTestId("lobby-screen")).toBeVisible();
  await expect.poll(async () => (await callState(guest.page))?.phase).toBe("lobby");
  expect(await videoStats(guest.page)).toEqual([]);

  await host.getByTestId("knocking").click();
  await host.getByRole("button", { name: formatMessage(zh.call.panel.admitNamed, { name: "访客丙" }) }).click();
  const guestId = await selfId(guest.page);
  await expectDecoding(guest.page, [hostId]);
  await expectDecoding(host, [guestId]);
  // Two people: each one's only remote tile asks for the top layer, the full 480 lines of the
  // VGA fake camera, whatever the tile measures (after bandwidth estimation ramps up).
  for (const [page, far] of [[guest.page, hostId], [host, guestId]] as const) {
    await expect.poll(async () => (await deliveredVideo(page, far)).frameHeight, { timeout: 20_000 }).toBe(480);
  }
});

/** The e2e media node's worker doing the most work (the one forwarding this call), by CPU time. */
async function busiestWorkerPid(): Promise<number> {
  const sample = async () => {
    const text = await (await fetch(MEDIA_METRICS, { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` } })).text();
    return new Map([...text.matchAll(/^media_worker_cpu_seconds\{worker="(\d+)"\} ([\d.e+-]+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]));
  };
  const first = await sample();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const second = await sample();
  const [pid] = [...second].sort((x, y) => y[1] - (first.get(y[0]) ?? 0) - (x[1] - (first.get(x[0]) ?? 0)))[0] ?? [];
  if (!pid) throw new Error(`no mediasoup worker listed at ${MEDIA_METRICS}`);
  return pid;
}
