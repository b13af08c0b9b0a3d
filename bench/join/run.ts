// Join to first frame: how long a guest waits, from pressing "加入" on the join screen to the
// first remote video frame on screen, in Debian Chromium on loopback.
//
//   npx tsx bench/join/run.ts [--joins 20] [--as guest|staff] [--settle-ms 1500] [--modes warm,cold]
//                             [--port 3310] [--media-port 4643] [--rtc-min-port 41000] [--rtc-max-port 41999]
//
// --as guest (default): a guest by the room's guest link, who types a name and then clicks.
// --as staff: a signed-in member of the room's unit (gm.admin) on the room's own page: the join
//   screen may fetch the token and prepare the call before the click (issue 14).
// --settle-ms: how long the join screen is shown before the click (a person looks at the preview).
// --trace: also prints each join's signaling messages after the click (ms from the click).
// --modes: taken in turn, join by join, so that the shared machine's load falls on both alike.
//   warm: the page as built (issue 14: prepared transports are connected, ICE + DTLS, before the
//   click). cold: the same page with that warm-up refused in the page (its data channel cannot be
//   made), so each transport connects at its first produce or consume after the click, as before.
//   `--joins` is per mode.
//
// Needs the built portal (`npx next build` in web/) and the mediasoup worker (npm run bootstrap,
// or MEDIASOUP_WORKER_BIN). It starts its own portal + media node (like the e2e server), keeps
// one host publishing camera and microphone, and lets a fresh guest (own browser context, fake
// camera and microphone) join by the guest link `--joins` times, after one unmeasured warm-up.
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Browser, Page } from "@playwright/test";
import { CSRF_COOKIE, CSRF_HEADER } from "../../web/lib/auth/cookie-names.ts";
import { zhCatalog as zh } from "../../web/messages/catalogs.ts";
import { launchE2eChromium } from "./e2e-chromium.ts";
import { startStack } from "./stack.ts";
import { stackPortOptions, stackPorts } from "./stack-ports.ts";
import { percentile } from "./stats.ts";

const { values } = parseArgs({
  options: {
    joins: { type: "string", default: "20" },
    as: { type: "string", default: "guest" },
    "settle-ms": { type: "string", default: "1500" },
    modes: { type: "string", default: "warm,cold" },
    trace: { type: "boolean", default: false },
    ...stackPortOptions({ port: "3310", mediaPort: "4643", rtcMinPort: "41000", rtcMaxPort: "41999" }),
  },
});
const JOINS = Number(values.joins);
const AS = values.as === "staff" ? "staff" : "guest";
const SETTLE_MS = Number(values["settle-ms"]);
type Mode = "warm" | "cold";
const MODES = values.modes.split(",").filter((m): m is Mode => m === "warm" || m === "cold");
if (MODES.length === 0) throw new Error("--modes: warm, cold or both");
const COLD_SCRIPT = fileURLToPath(new URL("./no-warm-channel.js", import.meta.url));
const FRAME_TIMEOUT_MS = 15_000;
const TIMER_SCRIPT = fileURLToPath(new URL("./in-page-timer.js", import.meta.url));

/** What in-page-timer.js measures, in ms from the click. */
interface JoinTiming {
  /** Peer connections that had finished ICE + DTLS before the click. */
  connectedBeforeClick: number;
  /** POST /api/v1/join/{code} answered. */
  grantMs: number;
  /** The call session reached phase "joined" (signaling done, transports being built). */
  joinedMs: number;
  /** The first peer connection finished ICE + DTLS (0 when all had before the click). */
  mediaConnectedMs: number;
  /** First remote video frame presented. */
  firstFrameMs: number;
  /** The signaling messages after the click (ms, direction, name), for --trace. */
  trace: string[];
}
type TimerWindow = { __armJoinTimer(text: string, timeoutMs: number): void; __joinTiming: Promise<JoinTiming> };

const stack = await startStack({
  ...stackPorts(values),
});
let browser: Browser | undefined;
try {
  browser = await launchE2eChromium();
  const { guestLink, roomId } = await startHost(browser, stack.portalUrl);
  const target = AS === "staff" ? `${stack.portalUrl}/rooms/${roomId}/call` : guestLink;
  for (const mode of MODES) await timeOneJoin(browser, target, 0, mode);
  const samples = new Map<Mode, JoinTiming[]>(MODES.map((mode) => [mode, []]));
  console.log(`load average at start: ${loadAverage()}`);
  for (let i = 1; i <= JOINS; i++) {
    for (const mode of MODES) {
      const timing = await timeOneJoin(browser, target, i, mode);
      samples.get(mode)!.push(timing);
      console.log(
        `join ${String(i).padStart(2)} ${mode}: first frame ${ms(timing.firstFrameMs)}  ` +
          `(token ${ms(timing.grantMs)}, joined ${ms(timing.joinedMs)}, media connected ${ms(timing.mediaConnectedMs)}, ` +
          `connected before the click ${timing.connectedBeforeClick})`,
      );
      if (values.trace) console.log(`  ${timing.trace.join(" | ")}`);
    }
  }
  console.log(`load average at end: ${loadAverage()}`);
  for (const mode of MODES) report(samples.get(mode)!, mode);
} finally {
  await browser?.close();
  await stack.stop();
}

/** The host: signs in, creates a room over the API, joins it from the portal, and stays. */
async function startHost(browser: Browser, portalUrl: string): Promise<{ guestLink: string; roomId: string }> {
  const context = await browser.newContext({ baseURL: portalUrl, locale: "zh-CN" });
  const page = await context.newPage();
  const login = await page.request.post("/api/v1/auth/login", { data: { username: "gm.officer", password: "Sunshine#2026" } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? "";
  const created = await page.request.post("/api/v1/rooms", { data: { title: "bench/join", requiresAdmission: false }, headers: { [CSRF_HEADER]: csrf } });
  if (!created.ok()) throw new Error(`room creation failed: ${created.status()} ${await created.text()}`);
  const room = (await created.json()) as { id: string; guestLink: string };
  await page.goto(`/rooms/${room.id}/call`);
  await clickWhenEnabled(page, zh.join.join);
  await page.waitForFunction(() => (window as { __ygavCall?: { state(): { phase: string; local: { camera?: unknown } } } }).__ygavCall?.state().local.camera, null, {
    timeout: 20_000,
  });
  return { guestLink: `${portalUrl}${room.guestLink}`, roomId: room.id };
}

/** One fresh guest (or staff member): opens the link, waits for its own devices, then clicks "加入" on the clock. */
async function timeOneJoin(browser: Browser, link: string, index: number, mode: Mode): Promise<JoinTiming> {
  const context = await browser.newContext({ locale: "zh-CN" });
  try {
    await context.addInitScript({ path: TIMER_SCRIPT });
    if (mode === "cold") await context.addInitScript({ path: COLD_SCRIPT });
    const page = await context.newPage();
    if (AS === "staff") {
      const login = await page.request.post(new URL("/api/v1/auth/login", link).href, { data: { username: "gm.admin", password: "Sunshine#2026" } });
      if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    }
    await page.goto(link);
    if (AS === "guest") await page.getByLabel(zh.join.yourName).fill(`访客${index}`);
    const join = page.getByRole("button", { name: zh.join.join, exact: true });
    await join.waitFor();
    await page.waitForFunction((text) => [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === text && !b.disabled), zh.join.join);
    await page.waitForTimeout(SETTLE_MS);
    await page.evaluate(([text, timeout]) => (window as unknown as TimerWindow).__armJoinTimer(text, timeout), [zh.join.join, FRAME_TIMEOUT_MS] as const);
    await join.click();
    const timing = await page.evaluate(() => (window as unknown as TimerWindow).__joinTiming);
    // Leave properly, so the host's room does not keep a departed guest for the reconnect grace.
    await page.getByTestId("leave").click();
    await page.getByTestId("ended-screen").waitFor();
    return timing;
  } finally {
    await context.close();
  }
}

async function clickWhenEnabled(page: Page, text: string): Promise<void> {
  const button = page.getByRole("button", { name: text, exact: true });
  await button.waitFor();
  await page.waitForFunction((label) => [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === label && !b.disabled), text, { timeout: 20_000 });
  await button.click();
}

function report(samples: JoinTiming[], mode: Mode): void {
  const column = (pick: (t: JoinTiming) => number) => samples.map(pick).filter(Number.isFinite);
  const row = (label: string, values: number[]) =>
    console.log(`${label.padEnd(22)} p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  min ${ms(Math.min(...values))}  max ${ms(Math.max(...values))}`);
  const warmed = samples.filter((t) => t.connectedBeforeClick >= 2).length;
  console.log(`\n${mode}: ${samples.length} joins as ${AS} (after one warm-up, join screen shown ${SETTLE_MS} ms), Chromium on loopback; both transports connected before the click in ${warmed}:`);
  row("token received", column((t) => t.grantMs));
  row("call joined", column((t) => t.joinedMs));
  row("media connected", column((t) => t.mediaConnectedMs));
  row("first remote frame", column((t) => t.firstFrameMs));
}

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(1)).join(" ");
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms`.padStart(7) : "    n/a";
}
