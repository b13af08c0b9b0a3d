// Waiting to video: persons wait on their personal roll-call links; the officer enters the
// console (进入控制台 on the roll call's page), which connects before the call opens (issue 14,
// last part), and clicks 开始点名 once it shows ready. How long until video flows both ways for
// each person (the person decodes the officer's camera and the console decodes the person's),
// from that click.
//
//   npx tsx bench/waiting-to-video/run.ts [--persons 3] [--rounds 6] [--modes push,poll] [--wait-ms 8000]
//                                         [--port 3810] [--media-port 5143] [--rtc-min-port 47400] [--rtc-max-port 47599]
//
// Needs the built portal (`npx next build` in web/) and the mediasoup worker. Starts its own
// portal + media node (bench/join/stack.ts). Each round schedules a fresh roll call for
// `--persons` persons of 荷城司法所, lets each verify on a 375-px phone page (own browser context,
// fake camera) and wait; the officer enters the console, waits until it is ready (in cold mode
// until it shows, since its transports cannot connect before the click), then `--wait-ms` more
// as an officer looks at the screen, and clicks 开始点名. Modes take turns round by round, so the
// machine's load falls on both alike:
// - push: the page as built (the link's event stream says the call opened);
// - poll: the same page with its event stream blocked, so it finds the opening only by asking
//   (2 s, then ×1.5 up to 5 s near the start): the behaviour before the stream existed.
// - cold: push, but every page (persons and console) has the warm-up of its transports refused
//   (bench/join/no-warm-channel.js), so ICE + DTLS wait for the first produce or consume, as
//   before issue 14's fifth part.
// Each round also prints where the time went (ms from the click): the console's document start,
// its call joined, its first ICE + DTLS, its camera published; and the same for each person,
// with when it had its join token (with the push, or from POST /r/{token}/join).
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { devices, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { zhCatalog as zh } from "../../web/messages/catalogs.ts";
import { scheduleRollCall, type RosterPerson } from "../../e2e/support/rollcall-console.ts";
import { staffApi, verifyAndWait, type StaffApi } from "../../e2e/support/rollcall-link.ts";
import { launchE2eChromium } from "../join/e2e-chromium.ts";
import { startStack } from "../join/stack.ts";
import { stackPortOptions, stackPorts } from "../join/stack-ports.ts";
import { percentile } from "../join/stats.ts";

const { values } = parseArgs({
  options: {
    persons: { type: "string", default: "3" },
    rounds: { type: "string", default: "6" },
    modes: { type: "string", default: "push,poll" },
    "wait-ms": { type: "string", default: "8000" },
    ...stackPortOptions({ port: "3810", mediaPort: "5143", rtcMinPort: "47400", rtcMaxPort: "47599" }),
  },
});
const PERSONS = Number(values.persons);
const ROUNDS = Number(values.rounds);
const MODES = values.modes!.split(",") as Mode[];
const WAIT_MS = Number(values["wait-ms"]);
const ROUND_TIMEOUT_MS = 40_000;
const DECODES_SCRIPT = fileURLToPath(new URL("./in-page-decodes.js", import.meta.url));
const COLD_SCRIPT = fileURLToPath(new URL("../join/no-warm-channel.js", import.meta.url));
type Mode = "push" | "poll" | "cold";
type Marks = { documentAt: number; grantAt?: number; joinedAt?: number; publishedAt?: number; connectedAt?: number; longTasks?: Array<[number, number]> };

type Decodes = Record<string, number>;
interface RoundResult {
  mode: Mode;
  /** Where the time went, per page (console first), ms from the click. */
  marks: Array<{ who: string; marks: Marks }>;
  /** Per person: ms from the click until video flowed both ways. */
  bothWays: number[];
  /** Per person: ms until the person decoded the officer / the console decoded the person. */
  personSees: number[];
  officerSees: number[];
  /** Per person: ms from the click until the console had made its video consumer (before its first frame). */
  officerTrack: number[];
  /** When the console's POST /open answered (the call is live), ms from the click. */
  openMs: number;
  /** Per person: when the page heard "live" on its event stream (NaN when polling). */
  toldMs: number[];
  clickAt: number;
}

const stack = await startStack({
  ...stackPorts(values),
});
let browser: Browser | undefined;
const results: RoundResult[] = [];
try {
  browser = await launchE2eChromium();
  const officer = await signedInOfficer(browser, stack.portalUrl, false);
  // The cold mode's console has the warm-up refused too: its own context (the same officer).
  const coldOfficer = MODES.includes("cold") ? await signedInOfficer(browser, stack.portalUrl, true) : officer;
  const officerFor = (mode: Mode) => (mode === "cold" ? coldOfficer : officer);
  // One unmeasured round warms the portal's routes and the browser.
  await runRound(browser, officerFor(MODES[0]!), MODES[0]!, -1);
  for (let round = 0; round < ROUNDS; round++) {
    const mode = MODES[round % MODES.length]!;
    const result = await runRound(browser, officerFor(mode), mode, round);
    results.push(result);
    console.log(
      `round ${String(round + 1).padStart(2)} ${mode.padEnd(4)}: both ways ${result.bothWays.map(ms).join(" ")}  ` +
        `(open answered ${ms(result.openMs)}; told ${result.toldMs.map(ms).join(" ")}) ` +
        `(person sees officer ${result.personSees.map(ms).join(" ")}; console sees person ${result.officerSees.map(ms).join(" ")})`,
    );
    for (const { who, marks } of result.marks) console.log(`    ${who.padEnd(8)} ${describeMarks(marks, result.clickAt)}`);
  }
  report(results);
} finally {
  await browser?.close();
  await stack.stop();
}

async function signedInOfficer(browser: Browser, portalUrl: string, cold: boolean): Promise<{ context: BrowserContext; page: Page; api: StaffApi }> {
  const context = await browser.newContext({ baseURL: portalUrl, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  if (cold) await context.addInitScript({ path: COLD_SCRIPT });
  await context.addInitScript({ content: `window.__benchClickText = ${JSON.stringify(zh.rollcallConsole.ready.start)};` });
  await context.addInitScript({ path: DECODES_SCRIPT });
  const page = await context.newPage();
  const login = await page.request.post("/api/v1/auth/login", { data: { username: "hc.officer", password: "Sunshine#2026" } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  return { context, page, api: await staffApi(context, page.request) };
}

async function runRound(browser: Browser, officer: { page: Page; api: StaffApi }, mode: Mode, round: number): Promise<RoundResult> {
  const rollCall = await scheduleRollCall(officer.page, `等待到视频 ${round + 2}-${Date.now() % 100000}`, PERSONS);
  const phones: Array<{ context: BrowserContext; page: Page; person: RosterPerson }> = [];
  try {
    for (const person of rollCall.people) {
      const { defaultBrowserType: _ignored, ...android } = devices["Pixel 5"];
      const context = await browser.newContext({ ...android, viewport: { width: 375, height: 667 }, baseURL: stack.portalUrl, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
      await context.addInitScript({ path: DECODES_SCRIPT });
      if (mode === "cold") await context.addInitScript({ path: COLD_SCRIPT });
      if (mode === "poll") await context.route("**/api/v1/r/*/events", (route) => route.abort());
      const page = await context.newPage();
      phones.push({ context, page, person });
      await verifyAndWait(page, `/r/${person.token}`, person.idLast4);
    }
    // The officer enters the console (it opens nothing) and waits until it is connected.
    await officer.page.goto(`/rollcalls/${rollCall.id}`);
    await officer.page.evaluate(() => sessionStorage.removeItem("benchClickAt"));
    await officer.page.getByRole("link", { name: zh.rollcall.enterConsole, exact: true }).click();
    const ready = officer.page.getByTestId("console-ready");
    if (mode === "cold") await ready.waitFor({ timeout: ROUND_TIMEOUT_MS });
    else await ready.and(officer.page.locator('[data-ready="true"]')).waitFor({ timeout: ROUND_TIMEOUT_MS });
    // Waiting for a while, as persons do: a polling page has slowed to its steady pace by then.
    await officer.page.waitForTimeout(WAIT_MS);
    await officer.page.getByRole("button", { name: zh.rollcallConsole.ready.start, exact: true }).click();

    const deadline = Date.now() + ROUND_TIMEOUT_MS;
    for (;;) {
      // The console renders its call after the click: read again until everything is in.
      const done = await collect(officer.page, phones).catch(() => null);
      if (done) return { mode, ...done };
      if (Date.now() > deadline) throw new Error(`round ${round + 1} (${mode}): video did not flow both ways within ${ROUND_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await officer.api.send("POST", `/api/v1/rollcalls/${rollCall.id}/end`).catch(() => undefined);
    await officer.page.goto("about:blank");
    for (const phone of phones) await phone.context.close();
  }
}

/** The three figures per person once every one of them is complete, else null. */
async function collect(officerPage: Page, phones: Array<{ page: Page; person: RosterPerson }>) {
  const clickAt = Number(await officerPage.evaluate(() => sessionStorage.getItem("benchClickAt")));
  const officerState = await officerPage.evaluate(() => {
    const call = (window as { __ygavCall?: { state(): { self?: { id: string }; peers: Array<{ id: string; name: string }> } } }).__ygavCall;
    const state = call?.state();
    const w = window as unknown as { __benchDecodes: Decodes; __benchTracks: Decodes; __benchOpenAt?: number };
    const marks = { ...(window as unknown as { __benchMarks: Marks }).__benchMarks, longTasks: (window as unknown as { __benchLongTasks: Array<[number, number]> }).__benchLongTasks };
    return { selfId: state?.self?.id ?? null, peers: state?.peers ?? [], decodes: w.__benchDecodes, tracks: w.__benchTracks, openAt: w.__benchOpenAt ?? NaN, marks };
  });
  if (!clickAt || !officerState.selfId) return null;
  const bothWays: number[] = [];
  const personSees: number[] = [];
  const officerSees: number[] = [];
  const officerTrack: number[] = [];
  const toldMs: number[] = [];
  const marks: RoundResult["marks"] = [{ who: "console", marks: officerState.marks }];
  for (const { page, person } of phones) {
    const { decodes, liveAt, personMarks } = await page.evaluate(() => {
      const w = window as unknown as { __benchDecodes: Decodes; __benchLiveAt?: number; __benchMarks: Marks; __benchLongTasks: Array<[number, number]> };
      return { decodes: w.__benchDecodes, liveAt: w.__benchLiveAt ?? NaN, personMarks: { ...w.__benchMarks, longTasks: w.__benchLongTasks } };
    });
    marks.push({ who: person.name, marks: personMarks });
    toldMs.push(liveAt - clickAt);
    const seesOfficer = decodes[officerState.selfId];
    const peer = officerState.peers.find((p) => p.name === person.name);
    const seenByOfficer = peer ? officerState.decodes[peer.id] : undefined;
    if (seesOfficer === undefined || seenByOfficer === undefined) return null;
    personSees.push(seesOfficer - clickAt);
    officerSees.push(seenByOfficer - clickAt);
    officerTrack.push((officerState.tracks[peer!.id] ?? NaN) - clickAt);
    bothWays.push(Math.max(seesOfficer, seenByOfficer) - clickAt);
  }
  return { bothWays, personSees, officerSees, officerTrack, openMs: officerState.openAt - clickAt, toldMs, marks, clickAt };
}

function describeMarks(marks: Marks, clickAt: number): string {
  const at = (value: number | undefined) => (value === undefined ? "n/a" : `${Math.round(value - clickAt)}`);
  const grant = marks.grantAt === undefined ? "" : `, join token ${at(marks.grantAt)}`;
  // Main-thread time in long tasks from the click until 3 s after it (the window the figures fall in).
  const busy = (marks.longTasks ?? []).filter(([start]) => start >= clickAt && start < clickAt + 3000);
  const tasks = busy.length ? `, long tasks in the first 3 s ${busy.reduce((sum, [, d]) => sum + d, 0)} ms (${busy.map(([start, d]) => `${start - clickAt}+${d}`).join(" ")})` : "";
  return `document ${at(marks.documentAt)}${grant}, joined ${at(marks.joinedAt)}, ICE+DTLS ${at(marks.connectedAt)}, camera published ${at(marks.publishedAt)}${tasks}`;
}

function report(all: RoundResult[]): void {
  console.log(`\n${PERSONS} persons waiting per round, ${all.length} rounds (after one warm-up), Chromium on loopback; ms from the officer's click:`);
  for (const mode of MODES) {
    const rounds = all.filter((r) => r.mode === mode);
    if (rounds.length === 0) continue;
    const row = (label: string, values: number[]) =>
      console.log(`${mode.padEnd(4)} ${label.padEnd(26)} n ${String(values.length).padStart(3)}  p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  min ${ms(Math.min(...values))}  max ${ms(Math.max(...values))}`);
    row("call opened (POST /open)", rounds.map((r) => r.openMs));
    if (mode !== "poll") row("person told (stream)", rounds.flatMap((r) => r.toldMs));
    row("video both ways", rounds.flatMap((r) => r.bothWays));
    row("person sees officer", rounds.flatMap((r) => r.personSees));
    row("console sees person", rounds.flatMap((r) => r.officerSees));
    row("console made its consumer", rounds.flatMap((r) => r.officerTrack).filter(Number.isFinite));
    row("last person of the round", rounds.map((r) => Math.max(...r.bothWays)));
    const consoleMark = (pick: (m: Marks) => number | undefined) => rounds.map((r) => (pick(r.marks[0]!.marks) ?? NaN) - r.clickAt).filter(Number.isFinite);
    const personMark = (pick: (m: Marks) => number | undefined) => rounds.flatMap((r) => r.marks.slice(1).map((m) => (pick(m.marks) ?? NaN) - r.clickAt)).filter(Number.isFinite);
    row("console document start", consoleMark((m) => m.documentAt));
    row("console joined", consoleMark((m) => m.joinedAt));
    row("console camera published", consoleMark((m) => m.publishedAt));
    row("person has its join token", personMark((m) => m.grantAt));
    row("person joined", personMark((m) => m.joinedAt));
    row("person camera published", personMark((m) => m.publishedAt));
  }
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms`.padStart(7) : "    n/a";
}
