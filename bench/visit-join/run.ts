// A family visit's join (issue 9, "Done when"): from the family opening its personal link to the
// first remote video frame, over `--joins` visits (20 by default), p50 and p95.
//
//   npx tsx bench/visit-join/run.ts [--joins 20] [--port 3820] [--media-port 5153] [--rtc-min-port 47600] [--rtc-max-port 47799]
//
// Needs the built portal (`npx next build` in web/) and the mediasoup worker. Starts its own
// portal + media node (bench/join/stack.ts). Each join is a fresh home visit booked through the
// API (a 5-minute slot of a fresh terminal, the e2e helper), its link issued by the facility
// officer; the held person's terminal already waits in the waiting room and the officer's monitor
// is open, as on a visit day. Then the clock starts: the family's 375-px phone page (own browser
// context, fake camera) opens the link, types the last 4 of the ID, passes the device check,
// takes the snapshot and waits; the officer clicks 开始会见 the moment it is enabled (a person
// takes longer: that wait is reported apart). Figures, ms from opening the link:
// - family sees held: the family page decodes its first frame of the held person (the figure the issue names);
// - both ways: the terminal has decoded the family too;
// - start clicked: when the officer's click happened, enabled once the family waits in the waiting
//   room (link, ID check, device check and snapshot done): the family's own steps end there.
// First frames are read from getStats (framesDecoded > 0) every 40 ms in each page
// (bench/waiting-to-video/in-page-decodes.js).
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import os from "node:os";
import { devices, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { zhCatalog as zh } from "../../web/messages/catalogs.ts";
import { bookVisit, signInStaff, type Staff } from "../../e2e/support/visit-day.ts";
import { launchE2eChromium } from "../join/e2e-chromium.ts";
import { startStack } from "../join/stack.ts";
import { stackPortOptions, stackPorts } from "../join/stack-ports.ts";
import { percentile } from "../join/stats.ts";

const { values } = parseArgs({
  options: {
    joins: { type: "string", default: "20" },
    ...stackPortOptions({ port: "3820", mediaPort: "5153", rtcMinPort: "47600", rtcMaxPort: "47799" }),
  },
});
const JOINS = Number(values.joins);
const JOIN_TIMEOUT_MS = 60_000;
const DECODES_SCRIPT = fileURLToPath(new URL("../waiting-to-video/in-page-decodes.js", import.meta.url));
const HELD = ["林文杰", "陈国栋", "王海涛", "赵永强"];

interface JoinResult {
  familySeesHeld: number;
  bothWays: number;
  startClicked: number;
}

const stack = await startStack({
  ...stackPorts(values),
  // 5-minute slots on the fresh terminals, and 21 applications from loopback: booking is not what is measured.
  extraEnv: { VISIT_MIN_SLOT_MINUTES: "1", VISIT_APPLY_PER_ADDRESS_PER_HOUR: "1000" },
});
let browser: Browser | undefined;
const results: JoinResult[] = [];
const loads: number[] = [];
try {
  browser = await launchE2eChromium();
  const desk = await browser.newContext({ baseURL: stack.portalUrl, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  await desk.addInitScript({ path: DECODES_SCRIPT });
  // The officer's API session on the desk's cookies: the pages share the sign-in.
  const facility = await signInStaff(desk.request, "jy1.officer");
  const publicApi = (await browser.newContext({ baseURL: stack.portalUrl })).request;
  // One unmeasured join warms the portal's routes and the browser.
  await oneJoin(browser, desk, facility, publicApi, -1);
  for (let i = 0; i < JOINS; i++) {
    loads.push(os.loadavg()[0]!);
    const result = await oneJoin(browser, desk, facility, publicApi, i);
    results.push(result);
    console.log(
      `join ${String(i + 1).padStart(2)}: family sees held ${ms(result.familySeesHeld)}  both ways ${ms(result.bothWays)}  ` +
        `(start clicked ${ms(result.startClicked)})  load ${loads.at(-1)!.toFixed(1)}`,
    );
  }
  report(results);
} finally {
  await browser?.close();
  await stack.stop();
}

async function oneJoin(browser: Browser, desk: BrowserContext, facility: Staff, publicApi: BrowserContext["request"], index: number): Promise<JoinResult> {
  const tag = `vj${index + 1}${Date.now().toString(36).slice(-4)}`;
  const visit = await bookVisit(facility, publicApi, { heldName: HELD[(index + HELD.length) % HELD.length]!, relationship: "parent", leadMs: 5_000, slotMinutes: 5, tag });
  const issued = await facility.send("POST", `/api/v1/visits/${visit.id}/participants/${visit.participantId}/link`);
  const pages: Page[] = [];
  let family: BrowserContext | undefined;
  try {
    // Visit day as the family finds it: the held person waits at the terminal, the officer watches.
    const terminal = await desk.newPage();
    pages.push(terminal);
    await terminal.goto(`/visits/${visit.id}/terminal`);
    await terminal.getByRole("button", { name: zh.join.join, exact: true }).click({ timeout: 30_000 });
    await terminal.getByTestId("lobby-screen").waitFor({ timeout: 30_000 });
    const monitor = await desk.newPage();
    pages.push(monitor);
    await monitor.goto(`/visits/${visit.id}/monitor`);
    await monitor.getByTestId("visit-monitor-bar").waitFor({ timeout: 30_000 });

    const { defaultBrowserType: _ignored, ...android } = devices["Pixel 5"];
    family = await browser.newContext({ ...android, viewport: { width: 375, height: 667 }, baseURL: stack.portalUrl, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    await family.addInitScript({ path: DECODES_SCRIPT });
    const phone = await family.newPage();
    const openedAt = Date.now();
    await phone.goto(issued.path);
    await phone.getByLabel(zh.visitDay.link.idLast4).fill(visit.idNumber.slice(-4));
    await phone.getByRole("button", { name: zh.visitDay.link.verify }).click();
    await phone.getByTestId("camera-preview").locator("video").waitFor({ timeout: 30_000 });
    await phone.getByRole("button", { name: zh.visitDay.link.deviceNext }).click();
    await phone.getByRole("button", { name: zh.visitDay.link.snapshotTake }).click();
    // The officer's click, as soon as both sides wait (the page enables it then).
    const start = monitor.getByRole("button", { name: zh.visitDay.staff.start });
    const started = (async () => {
      for (const deadline = Date.now() + JOIN_TIMEOUT_MS; Date.now() < deadline; ) {
        if (await start.isEnabled().catch(() => false)) {
          const at = Date.now();
          await start.click();
          return at;
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      throw new Error(`join ${index + 1}: 开始会见 never became enabled`);
    })();
    // (The waiting screen itself may be gone before a locator sees it: the click admits the family at once.)
    const startAt = await started;

    const familyId = `visitor:${visit.participantId}`;
    const heldId = `held:${visit.heldId}`;
    const decodedAt = async (page: Page, peerId: string) => (await page.evaluate(() => (window as unknown as { __benchDecodes: Record<string, number> }).__benchDecodes))[peerId];
    for (const deadline = Date.now() + JOIN_TIMEOUT_MS; ; ) {
      const [seesHeld, seenByTerminal] = await Promise.all([decodedAt(phone, heldId), decodedAt(terminal, familyId)]);
      if (seesHeld !== undefined && seenByTerminal !== undefined) {
        return { familySeesHeld: seesHeld - openedAt, bothWays: Math.max(seesHeld, seenByTerminal) - openedAt, startClicked: startAt - openedAt };
      }
      if (Date.now() > deadline) throw new Error(`join ${index + 1}: no video both ways within ${JOIN_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    // The visit's room is left to end by itself; the pages go, so the next join has the cores.
    await family?.close();
    for (const page of pages) await page.close();
  }
}

function report(all: JoinResult[]): void {
  const load = loads.length ? `load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${os.cpus().length} cores` : "";
  console.log(`\n${all.length} family joins (after one warm-up), Chromium on loopback, ${load}; ms from opening the family link:`);
  const row = (label: string, values: number[]) =>
    console.log(`${label.padEnd(34)} n ${String(values.length).padStart(3)}  p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  min ${ms(Math.min(...values))}  max ${ms(Math.max(...values))}`);
  row("family sees held (first frame)", all.map((r) => r.familySeesHeld));
  row("video both ways", all.map((r) => r.bothWays));
  row("officer's start click (both wait)", all.map((r) => r.startClicked));
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms`.padStart(8) : "     n/a";
}
