import { devices, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import type { PeerInfo } from "../../server/src/protocol/entities.ts";
import type { CallState } from "../../web/lib/media-client/call-state.ts";
import { zh } from "./messages.ts";
import { DEMO_PASSWORD } from "./portal.ts";

/** The call state without its MediaStreamTracks (which cannot leave the page). */
export type CallSnapshot = Omit<CallState, "tracks"> & {
  tracks: Array<{ consumerId: string; peerId: string; kind: string; source: string; producerPaused: boolean }>;
};
export type { InboundVideoStat as VideoStat } from "../../web/lib/media-client/call-session.ts";
import type { InboundVideoStat as VideoStat } from "../../web/lib/media-client/call-session.ts";

type Probe = { state(): CallState; inboundVideoStats(): Promise<VideoStat[]> };

export async function callState(page: Page): Promise<CallSnapshot | null> {
  return page.evaluate(() => {
    const state = (window as unknown as { __ygavCall?: Probe }).__ygavCall?.state();
    if (!state) return null;
    const { tracks, ...rest } = state;
    return { ...rest, tracks: tracks.map(({ track: _track, ...plain }) => plain) };
  });
}

/** Decoded-frame counters of every remote video consumer, from getStats (probe excluded). */
export async function videoStats(page: Page): Promise<VideoStat[]> {
  return page.evaluate(async () => {
    const probe = (window as unknown as { __ygavCall?: Probe }).__ygavCall;
    return probe ? probe.inboundVideoStats() : [];
  });
}

/**
 * What one peer's video arrives as on this page: the decoded frame height and the received
 * bitrate over `gapMs` (0 when nothing from that peer). The sharpest of its consumers counts.
 */
export async function deliveredVideo(page: Page, peerId: string, gapMs = 2000): Promise<{ frameHeight: number; kbps: number }> {
  const bytes = (stats: VideoStat[]) => stats.filter((s) => s.peerId === peerId).reduce((sum, s) => sum + s.bytesReceived, 0);
  const before = await videoStats(page);
  await page.waitForTimeout(gapMs);
  const after = await videoStats(page);
  const frameHeight = Math.max(0, ...after.filter((s) => s.peerId === peerId).map((s) => s.frameHeight));
  return { frameHeight, kbps: Math.round(((bytes(after) - bytes(before)) * 8) / gapMs) };
}

export async function selfId(page: Page): Promise<string> {
  await expect.poll(async () => (await callState(page))?.phase, { timeout: 20_000 }).toBe("joined");
  return (await callState(page))!.self!.id;
}

/** Which of `peerIds` this page decodes video from: frames grow between two samples ~1.5 s apart. */
export async function peersDecoding(page: Page, peerIds: string[], gapMs = 1500): Promise<string[]> {
  const before = await videoStats(page);
  await page.waitForTimeout(gapMs);
  const after = await videoStats(page);
  return peerIds.filter((peerId) =>
    after.some((now) => now.peerId === peerId && now.framesDecoded > (before.find((then) => then.consumerId === now.consumerId)?.framesDecoded ?? Infinity)),
  );
}

/** Waits until the page decodes live video from every one of `peerIds`. */
export async function expectDecoding(page: Page, peerIds: string[], timeout = 20_000): Promise<void> {
  await expect(async () => {
    expect((await peersDecoding(page, peerIds)).sort()).toEqual([...peerIds].sort());
  }).toPass({ timeout, intervals: [250, 500, 1000] });
}

/**
 * When this page decodes live video again from every one of `peerIds`, in ms after `since`: read
 * every 250 ms, a peer counts from the first reading at which one of its consumers had decoded
 * more frames than at the reading before and does so again at the next one (a frame or two that
 * then stops is not video back). expectDecoding's 1.5 s windows and growing intervals would add
 * up to 2.5 s of its own to a recovery time.
 */
export async function decodingAgainAfter(page: Page, peerIds: string[], since: number, timeout: number): Promise<number> {
  const deadline = since + timeout;
  const growingFrom = new Map<string, number>(); // peer → the reading its frames first grew at
  const back = new Map<string, number>();
  let previous = new Map<string, number>(); // consumer → frames decoded at the last reading
  while (back.size < peerIds.length) {
    if (Date.now() > deadline) throw new Error(`no video again within ${timeout} ms from ${peerIds.filter((p) => !back.has(p)).join(", ")}`);
    const at = Date.now();
    const stats = await videoStats(page);
    const now = new Map(stats.map((s) => [s.consumerId, s.framesDecoded]));
    for (const peerId of peerIds) {
      if (back.has(peerId)) continue;
      const grew = stats.some((s) => s.peerId === peerId && s.framesDecoded > (previous.get(s.consumerId) ?? Infinity));
      if (!grew) growingFrom.delete(peerId);
      else if (growingFrom.has(peerId)) back.set(peerId, growingFrom.get(peerId)!);
      else growingFrom.set(peerId, at);
    }
    previous = now;
    await page.waitForTimeout(250);
  }
  return Math.max(...back.values()) - since;
}

/** A separate browser context per participant: its own cookies, storage and fake devices. */
export async function newParticipant(
  browser: Browser,
  // Deployment specs pass their own portal's baseURL (and ignoreHTTPSErrors behind nginx).
  { phone = false, ...options }: { phone?: boolean } & BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { defaultBrowserType: _browser, ...android } = devices["Pixel 5"];
  const context = await browser.newContext({
    ...options,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // A 375-px Android phone: touch, mobile viewport and user agent.
    ...(phone ? { ...android, viewport: { width: 375, height: 667 } } : {}),
  });
  return { context, page: await context.newPage() };
}

/** Signs in through the API: the sign-in page has its own specs, and calls have seconds to spare. */
export async function signInByApi(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await page.request.post("/api/v1/auth/login", { data: { username, password } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Creates a room through the rooms page and returns its id and full guest link. */
export async function createRoom(page: Page, title: string, requiresAdmission = false): Promise<{ id: string; guestLink: string }> {
  await page.goto("/rooms");
  await page.getByLabel(zh.rooms.field.title).fill(title);
  if (requiresAdmission) await page.getByLabel(zh.rooms.field.requiresAdmission).check();
  await page.getByRole("button", { name: zh.rooms.create, exact: true }).click();
  await expect(page).toHaveURL(/\/rooms\/[0-9a-f-]{36}\?created=1$/);
  const id = new URL(page.url()).pathname.split("/")[2]!;
  const guestLink = await page.getByTestId("guest-link").inputValue();
  expect(guestLink).toMatch(/^http:\/\/.+\/join\/[\w-]{16,}$/);
  return { id, guestLink };
}

/** Opens the room from the portal (signed in already) and joins as its host. */
export async function joinAsHost(page: Page, roomId: string): Promise<string> {
  await page.goto(`/rooms/${roomId}`);
  await page.getByRole("link", { name: zh.rooms.enter }).click();
  await clickJoin(page);
  return selfId(page);
}

export async function joinAsGuest(page: Page, guestLink: string, name: string): Promise<void> {
  await page.goto(guestLink);
  await page.getByLabel(zh.join.yourName).fill(name);
  await clickJoin(page);
}

async function clickJoin(page: Page): Promise<void> {
  const join = page.getByRole("button", { name: zh.join.join, exact: true });
  // Enabled once the fake camera and microphone are open.
  await expect(join).toBeEnabled({ timeout: 15_000 });
  await join.click();
}

export function peerNamed(state: CallSnapshot | null, name: string): PeerInfo | undefined {
  return state?.peers.find((peer) => peer.name === name);
}
