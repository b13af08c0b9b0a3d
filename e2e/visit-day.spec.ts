import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { callState, expectDecoding, newParticipant, signInByApi } from "./support/call.ts";
import { probeMedia } from "./support/ffprobe.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";
import { recordPeerConnections } from "./support/outbound-video.ts";
import { downloadOriginal, expectInSync, videoClock, type RecordingItem } from "./support/recording-playback.ts";
import { sentCountsAt, startCountingSent, type SentCounts } from "./support/sent-media.ts";
import { bookVisit, centerRoom, doorJoins, familyJoins as joinFromHome, monitorStarts, staffApi, terminalJoins } from "./support/visit-day.ts";
import config from "../playwright.config.ts";

// Issue 9 §5 end to end, steps 3–6, and issue 10's recorded visit, in one home visit: a family
// member joins from home by the personal link (ID check, device check, face snapshot), the held
// person from the facility terminal, the officer watches unseen; the visit runs its whole 2-minute
// slot, which starts about a minute after the booking (the issue's numbers); each side decodes the
// other, the monitor decodes both and is listed on neither; a warning reaches both sides; the
// node's 1-minute warning; with the portal process frozen the node ends the visit on time and both
// sides see the end. Once the portal answers again, the node's reports that waited for it land:
// the record and the CSV say so, and the visit's four recording files (each side's audio and
// video, closed while the portal was down) are archived. Each original, downloaded as the facility
// officer, matches its archived SHA-256 and decodes whole with ffprobe; it lasts as long as the
// visit (within 5 %) and holds the frames the sender encoded and sent (within 2 %, the sender's own
// getStats). Then the playback page: both sides play on one clock (within 100 ms at every sample),
// a seek moves both, the timeline's warning seeks both, the page fits a phone, an MP4 export runs.
// Then a privileged (lawyer) visit: the monitor gets video but no audio, and terminates it with a
// reason the family never sees. Then a family at the county center: the center's officer opens the
// visit from the day list on the workbench, confirms the ID card in person, opens the room's
// terminal, and the room and the held person decode each other. Real portal, node, recorder,
// Chromium and decoded frames.
//
// CI time: the home visit's slot starts on the first whole minute at least LEAD_MS after the
// booking (the fresh terminal's grid is opened there: 30–90 s ahead, a minute on average) and the
// officer starts the visit at the slot's start, so the visit is the slot's 2 minutes and the test
// waits for nothing but the slot's start and the node's two events (about 3.5 min in all). One visit serves both
// issues: the recorded visit used to be a second home visit of its own (4.4 min). The other visits
// never wait for their slot: they are started as soon as both sides are there, and a 5-minute slot
// leaves them room under load.

// Both sides wait in the waiting room about 16 s after the booking at a load of 22 (the spec
// prints it): 30 s leaves them room, and a start a little late only shortens the visit.
const LEAD_MS = 30_000;
const contexts: BrowserContext[] = [];
let frozenPid: number | null = null;
let downloads: string;
const recorded = { roomId: "", visitMs: 0 };

// Chromium's fake camera stamps its frames at its nominal rate: on a machine too busy to paint 20
// frames a second (load 30 here) one run's frames came at 15.8/s stamped 50 ms apart, so the
// video file's own clock (the sender's RTP timestamps, which the recorder keeps) ran 16 % short of
// the wall clock while the audio's did not. A real camera stamps capture time. At 10 fps, which
// this machine sustains, the fake camera's stamps are real time too (and the other visits decode
// on less CPU).
const chromium = config.projects![0]!.use!.launchOptions!;
test.use({ launchOptions: { ...chromium, args: chromium.args!.map((arg) => (arg === "--use-fake-device-for-media-stream" ? `${arg}=fps=10` : arg)) } });

test.beforeAll(() => {
  downloads = mkdtempSync(path.join(os.tmpdir(), "ygav-e2e-visit-recording-"));
});

test.afterAll(() => {
  rmSync(downloads, { recursive: true, force: true });
});

// Each test's browsers are closed when it ends: the next one decodes on the same two cores.
test.afterEach(async () => {
  if (frozenPid) process.kill(frozenPid, "SIGCONT");
  frozenPid = null;
  for (const context of contexts.splice(0)) await context.close().catch(() => {});
});

/** The family's phone, closed with the other contexts after the test. */
async function familyJoins(browser: Browser, link: string, idNumber: string, prepare?: (context: BrowserContext) => Promise<void>): Promise<Page> {
  const { context, page } = await joinFromHome(browser, link, idNumber, prepare);
  contexts.push(context);
  return page;
}

function portalPid(): number {
  const port = new URL(test.info().project.use.baseURL!).port;
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`]).toString();
  const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
  if (!pid) throw new Error(`no process listens on ${port}: ${out}`);
  return pid;
}

test("a recorded home visit: link, verification and snapshot, terminal, unseen monitor, warning, the node ends it on time with the portal stopped; the record, the CSV and each track's file say so", async ({ browser, playwright }) => {
  // 30–90 s until the slot starts, its 2 minutes, then the record and the four files decoded.
  test.setTimeout(420_000);
  const tag = Date.now().toString(36).slice(-5);
  const facility = await staffApi(playwright, "jy1.officer");
  const public_ = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const visit = await bookVisit(facility, public_, { heldName: "林文杰", relationship: "parent", leadMs: LEAD_MS, slotMinutes: 2, tag });
  const bookedAt = Date.now();
  expect(visit.endsAt - visit.startsAt).toBe(120_000);
  expect(visit.startsAt - bookedAt).toBeLessThan(LEAD_MS + 62_000);

  // The facility officer issues the family's personal link from the visit's page.
  const desk = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  contexts.push(desk);
  await recordPeerConnections(desk);
  const officer = await desk.newPage();
  await signInByApi(officer, "jy1.officer");
  await officer.goto(`/visits/${visit.id}`);
  await officer.getByRole("button", { name: zh.visitDay.panel.issueLink }).click();
  const link = await officer.getByTestId("visit-family-link").inputValue();
  expect(link).toMatch(/\/v\/[0-9a-f-]{36}\.[\w-]{22}$/);

  // 3. Family at home, the terminal, the monitor; the officer starts the visit at the slot's start.
  const family = await familyJoins(browser, link, visit.idNumber, recordPeerConnections);
  // Counting from before the visit starts (nothing is sent from the waiting room): every frame the pages send is in the series.
  await startCountingSent(family);
  const terminal = await terminalJoins(desk, visit.id);
  await startCountingSent(terminal);
  const waitingAt = Date.now();
  const monitor = await monitorStarts(desk, visit.id, visit.startsAt);
  const familyId = `visitor:${visit.participantId}`;
  const heldId = `held:${visit.heldId}`;
  await expectDecoding(family, [heldId], 60_000);
  await expectDecoding(terminal, [familyId], 60_000);
  await expectDecoding(monitor, [familyId, heldId], 60_000);
  // In the room before the node's 1-minute warning, which the test waits for below.
  expect(visit.endsAt - 60_000 - Date.now(), `the sides decoded each other ${Math.round((Date.now() - visit.startsAt) / 1000)} s after the slot's start: too slow for the 1-minute warning`).toBeGreaterThan(0);
  const monitorId = (await callState(monitor))!.self!.id;
  for (const page of [family, terminal]) {
    const peers = (await callState(page))!.peers.map((p) => p.id);
    expect(peers).not.toContain(monitorId);
    await expect(page.getByTestId("recording-indicator")).toHaveText(zh.visitRoom.recording.required);
    // The node's word: its writers are writing.
    await expect(page.getByTestId("recording-indicator")).toHaveAttribute("data-state", "recording", { timeout: 15_000 });
    await expect(page.getByTestId("visit-countdown")).toBeVisible();
    // Less than 5 minutes left from the start: amber already (the node skips a warning already past).
    await expect(page.getByTestId("visit-countdown")).toHaveAttribute("data-tone", "amber");
  }
  // On the phone the countdown and the indicator fit the screen.
  for (const id of ["visit-countdown", "recording-indicator"]) {
    const box = (await family.getByTestId(id).boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 375, id).toBe(true);
  }
  // The node's time, not the phone's: what the page shows is what the node says is left.
  const shown = Number(await family.getByTestId("visit-countdown").getAttribute("data-remaining-ms"));
  expect(Math.abs(shown - (visit.endsAt - Date.now()))).toBeLessThan(3000);
  await family.screenshot({ path: test.info().outputPath("family-375.png") });

  // 4. A warning reaches both sides (and the playback's timeline); then the node's 1-minute warning.
  await monitor.getByRole("button", { name: zh.visitRoom.monitor.sendNotice }).click();
  await monitor.getByLabel(zh.visitRoom.monitor.noticeChoose).selectOption("conduct");
  await monitor.getByRole("button", { name: zh.visitRoom.monitor.noticeSend }).click();
  for (const page of [family, terminal]) await expect(page.getByTestId("room-notice-text")).toHaveText(zh.visitRoom.notice.preset.conduct);
  await family.screenshot({ path: test.info().outputPath("family-notice-375.png") });
  // The node warns at 60 s before the end, however long the joins took: red, and said in words.
  await expect(family.getByTestId("visit-countdown")).toHaveAttribute("data-tone", "red", { timeout: Math.max(0, visit.endsAt - 60_000 - Date.now()) + 30_000 });
  await expect(family.getByTestId("visit-countdown-warning")).toHaveText(formatMessage(zh.visitRoom.countdown.warningMinutes, { minutes: 1 }), { timeout: 10_000 });
  expect((await callState(family))?.timeWarning?.thresholdSeconds).toBe(60);
  await expect(terminal.getByTestId("visit-countdown")).toHaveAttribute("data-tone", "red");
  await family.screenshot({ path: test.info().outputPath("family-warning-375.png") });
  await expectDecoding(family, [heldId]);

  // 5. The portal process is frozen: the node alone ends the visit on time; both sides see it.
  frozenPid = portalPid();
  expect(visit.endsAt - Date.now(), "the portal is stopped before the visit's end").toBeGreaterThan(2000);
  process.kill(frozenPid, "SIGSTOP");
  try {
    for (const page of [family, terminal]) {
      await expect.poll(async () => (await callState(page))?.phase, { timeout: 150_000, intervals: [200] }).toBe("ended");
    }
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(visit.endsAt - 100);
    expect(endedAt).toBeLessThan(visit.endsAt + 10_000);
    for (const page of [family, terminal]) expect((await callState(page))?.ended).toEqual({ kind: "closed", message: "on_time" });
    await expect(family.getByTestId("visit-ended").locator("[data-ended]")).toHaveAttribute("data-ended", "on_time");
    // The terminal (the call page staff doors share) says why in words.
    await expect(terminal.getByTestId("ended-reason")).toContainText(zh.rooms.closeReason.on_time);
    await family.screenshot({ path: test.info().outputPath("family-ended-375.png") });
  } finally {
    process.kill(frozenPid, "SIGCONT");
    frozenPid = null;
  }

  // 6. Once the portal answers again the node's reports land: the record and the CSV show the whole visit.
  await expect.poll(async () => (await facility.get(`/api/v1/visits/${visit.id}`)).state, { timeout: 120_000, intervals: [1000] }).toBe("ended");
  const record = await facility.get(`/api/v1/visits/${visit.id}`);
  expect(record).toMatchObject({ endedHow: "on_time", warnings: [expect.objectContaining({ by: "邓卫东", text: "preset:conduct" })] });
  expect(record.participants[0]).toMatchObject({ verifyMethod: "home_snapshot", hasSnapshot: true });
  expect(record.participants[0].joinedAt).not.toBeNull();
  expect(Date.parse(record.startedAt)).toBeLessThan(Date.parse(record.endedAt));
  expect(Math.abs(Date.parse(record.endedAt) - visit.endsAt)).toBeLessThan(3000);
  const csv = await (await facility.api.get(`/api/v1/visits/export.csv?state=ended`)).text();
  const row = csv.split("\r\n").find((line) => line.startsWith(visit.code))!;
  expect(row).toContain("按时结束");
  const chinaSeconds = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
  expect(row).toContain(chinaSeconds(record.startedAt));
  expect(row).toContain(chinaSeconds(record.endedAt));
  expect(row.endsWith(",1")).toBe(true);

  // What each side had sent when the node ended the room (its own clock: same machine). What a
  // page sends after that, until it hears of the end and closes, reaches no room and no recorder.
  const endedAt = Date.parse(record.endedAt);
  const senders: Record<string, Page> = { [familyId]: family, [heldId]: terminal };
  const sent: Record<string, SentCounts> = { [familyId]: await sentCountsAt(family, endedAt), [heldId]: await sentCountsAt(terminal, endedAt) };
  const visitMs = endedAt - Date.parse(record.startedAt);
  console.log(`booked → both sides waiting ${((waitingAt - bookedAt) / 1000).toFixed(1)} s; booked → slot ${((visit.startsAt - bookedAt) / 1000).toFixed(1)} s; booked → started ${((Date.parse(record.startedAt) - bookedAt) / 1000).toFixed(1)} s; the visit ${(visitMs / 1000).toFixed(1)} s`);
  // The slot's two minutes, unless the sides were not both waiting at its start.
  expect(visitMs, "the visit ran about two minutes").toBeGreaterThan(90_000);
  recorded.visitMs = visitMs;

  // The visit's record leads to its recording once the node's reports of all four files, closed
  // while the portal was down, have landed.
  await expect(async () => {
    await officer.goto(`/visits/${visit.id}`);
    await expect(officer.getByTestId("visit-record")).toHaveAttribute("data-state", "ended", { timeout: 2_000 });
    await expect(officer.getByTestId("visit-recording")).toHaveAttribute("data-files", "4", { timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [1000, 2000] });
  await officer.screenshot({ path: test.info().outputPath("record.png"), fullPage: true });
  const href = await officer.getByTestId("visit-recording-link").getAttribute("href");
  recorded.roomId = /\/rooms\/([0-9a-f-]{36})\/recordings$/.exec(href ?? "")![1]!;

  const { items } = (await facility.get(`/api/v1/rooms/${recorded.roomId}/recordings`)) as { items: RecordingItem[] };
  // One file per track: nothing paused, no writer died.
  expect(items.map((item) => `${item.identity}/${item.kind}`).sort()).toEqual([`${familyId}/audio`, `${familyId}/video`, `${heldId}/audio`, `${heldId}/video`].sort());
  const figures: string[] = [];
  for (const item of items) {
    // The room's end closes every producer, and each file ends with its producer.
    expect(["room_closed", "producer_closed"]).toContain(item.endReason);
    expect(item.gap).toBeNull();
    const file = await downloadOriginal(facility.api, item, downloads);
    const probed = await probeMedia(file);
    expect(probed.kind).toBe(item.kind);
    expect(probed.codec).toBe(item.kind === "video" ? "vp8" : "opus");
    figures.push(`${item.identity} ${item.kind}: ${probed.durationS.toFixed(2)} s of a ${(visitMs / 1000).toFixed(2)} s visit, ${probed.framesDecoded} frames decoded, first at ${probed.startS} s, archived ${item.durationMs} ms`);
    // Soft: one run reports every figure, not only the first that misses.
    expect.soft(Math.abs(probed.durationS * 1000 - visitMs), `${item.identity} ${item.kind}: ${probed.durationS} s, the visit ${visitMs / 1000} s`).toBeLessThanOrEqual(visitMs * 0.05);
    const sender = sent[item.identity]!;
    const last = await sentCountsAt(senders[item.identity]!);
    const beforeFile = await sentCountsAt(senders[item.identity]!, Date.parse(item.firstPacketAt));
    if (item.kind === "video") {
      figures.push(`  sender at the room's end: ${sender.framesEncoded} encoded, ${sender.framesSent} sent (${last.framesSent} by its own end; ${beforeFile.framesSent} before the file's first packet)`);
      for (const count of [sender.framesEncoded, sender.framesSent]) {
        expect.soft(Math.abs(probed.framesDecoded - count), `${item.identity}: ${probed.framesDecoded} frames in the file, ${count} from the sender`).toBeLessThanOrEqual(count * 0.02);
      }
    } else {
      figures.push(`  sender at the room's end: ${sender.audioPacketsSent} audio packets sent (${last.audioPacketsSent} by its own end; ${beforeFile.audioPacketsSent} before the file's first packet)`);
      expect.soft(Math.abs(probed.framesDecoded - sender.audioPacketsSent), `${item.identity}: ${probed.framesDecoded} Opus frames, ${sender.audioPacketsSent} packets sent`).toBeLessThanOrEqual(sender.audioPacketsSent * 0.02);
    }
  }
  await test.info().attach("recording-figures.txt", { body: figures.join("\n"), contentType: "text/plain" });
  console.log(figures.join("\n"));
  await Promise.all([public_.dispose(), facility.api.dispose()]);
});

test("the recorded home visit plays back with both sides in sync, a seek moves both, and the timeline's warning seeks both", async ({ browser }) => {
  test.setTimeout(180_000);
  test.skip(!recorded.roomId, "needs the recorded visit");
  const { context, page } = await newParticipant(browser);
  contexts.push(context);
  await signInByApi(page, "jy1.officer");
  await page.goto(`/rooms/${recorded.roomId}/recordings`);
  await expect(page.getByTestId("playback-track")).toHaveCount(2);
  await page.getByTestId("playback-toggle").click();
  const first = await videoClock(page);
  await expect(async () => {
    const now = await videoClock(page);
    expect(now.filter((video) => video.visible)).toHaveLength(2);
    for (const [index, video] of now.entries()) expect(video.frames).toBeGreaterThan(first[index]!.frames + 10);
  }).toPass({ timeout: 30_000, intervals: [1000] });
  const before = await expectInSync(page);

  // A seek forward, as a person does it: a click 70 % along the seek bar. Both files
  // stand at the new position, then play on together. (Setting the slider's value from a script
  // does not reach React's onChange, so it would test nothing.)
  const bar = page.getByTestId("playback-seek");
  const box = (await bar.boundingBox())!;
  const positionBefore = Number(await page.getByTestId("playback-position").getAttribute("data-position-ms"));
  expect(positionBefore).toBeLessThan(recorded.visitMs * 0.4);
  await bar.click({ position: { x: box.width * 0.7, y: box.height / 2 } });
  await expect(async () => {
    const position = Number(await page.getByTestId("playback-position").getAttribute("data-position-ms"));
    expect(position).toBeGreaterThan(recorded.visitMs * 0.6);
    expect(position).toBeLessThan(recorded.visitMs * 0.8);
    const live = (await videoClock(page)).filter((video) => video.visible);
    expect(live).toHaveLength(2);
    for (const video of live) expect(Math.abs(video.atMs - position)).toBeLessThan(300);
  }).toPass({ timeout: 15_000, intervals: [250, 500] });
  const after = await expectInSync(page);
  console.log(`playback spreads (ms) before the seek ${before.join(", ")}; after ${after.join(", ")}`);

  // The session's record beside the players: joins, the warning, the end; the warning seeks both.
  const events = page.getByTestId("timeline-event");
  const joined = events.and(page.locator('[data-kind="joined"]'));
  expect(await joined.count()).toBeGreaterThanOrEqual(2);
  // Each side named as the portal admitted it: the family with the relation given, the held person.
  const familyLabel = zh.recording.timeline.role.visitorAs.replace("{relation}", zh.visits.relationship.parent);
  expect(await joined.filter({ hasText: familyLabel }).count()).toBeGreaterThanOrEqual(1);
  expect(await joined.filter({ hasText: zh.recording.timeline.role.held }).count()).toBeGreaterThanOrEqual(1);
  await expect(joined.filter({ hasText: zh.rooms.peerRole.participant })).toHaveCount(0);
  await expect(events.and(page.locator('[data-kind="ended"]'))).toHaveCount(1);
  const warning = events.and(page.locator('[data-kind="warning"]'));
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText(zh.visitRoom.notice.preset.conduct);
  const warnedAt = Number(await warning.getAttribute("data-offset-ms"));
  await warning.getByRole("button").click();
  await expect(async () => {
    const position = Number(await page.getByTestId("playback-position").getAttribute("data-position-ms"));
    expect(position).toBeGreaterThanOrEqual(warnedAt - 100);
    expect(position).toBeLessThan(warnedAt + 5_000);
    const live = (await videoClock(page)).filter((video) => video.visible);
    expect(live).toHaveLength(2);
    for (const video of live) expect(Math.abs(video.atMs - position)).toBeLessThan(300);
  }).toPass({ timeout: 15_000, intervals: [250, 500] });
  await expect(warning).toHaveAttribute("aria-current", "true");
  await page.screenshot({ path: test.info().outputPath("visit-playback.png"), fullPage: true });

  // On a phone: players, controls and the record one under the other, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByTestId("playback-toggle")).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: test.info().outputPath("visit-playback-375.png"), fullPage: true });

  // Export as one MP4: asked from the page, the portal's runner takes it and the page shows how far it is.
  await page.getByTestId("export-request").click();
  await expect(page.getByTestId("export-panel")).toHaveAttribute("data-state", /queued|running|done/);
  await expect(async () => {
    const state = await page.getByTestId("export-panel").getAttribute("data-state");
    expect(["running", "done"]).toContain(state);
    if (state === "running") await expect(page.getByTestId("export-progress")).toBeVisible({ timeout: 1 });
    else await expect(page.getByTestId("export-download")).toBeVisible({ timeout: 1 });
  }).toPass({ timeout: 60_000, intervals: [1000] });
  await page.screenshot({ path: test.info().outputPath("visit-export-375.png"), fullPage: true });
});

test("a privileged (lawyer) visit: every side is told, the monitor sees both but hears nothing, and terminates with a reason the family never reads", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36).slice(-5);
  const facility = await staffApi(playwright, "jy1.officer");
  const public_ = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const visit = await bookVisit(facility, public_, { heldName: "赵永强", relationship: "lawyer", leadMs: 5_000, slotMinutes: 5, tag });
  const issued = await facility.send("POST", `/api/v1/visits/${visit.id}/participants/${visit.participantId}/link`);
  const desk = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  contexts.push(desk);
  await signInByApi(await desk.newPage(), "jy1.officer");

  const lawyer = await familyJoins(browser, new URL(issued.path, test.info().project.use.baseURL).href, visit.idNumber);
  const terminal = await terminalJoins(desk, visit.id);
  const monitor = await monitorStarts(desk, visit.id);
  const lawyerId = `visitor:${visit.participantId}`;
  const heldId = `held:${visit.heldId}`;
  await expectDecoding(lawyer, [heldId], 60_000);
  await expectDecoding(monitor, [lawyerId, heldId], 60_000);
  for (const page of [lawyer, terminal, monitor]) {
    await expect(page.getByTestId("privileged-notice")).toBeVisible();
    await expect(page.getByTestId("recording-indicator")).toHaveCount(0);
  }
  // The officer looks at the face the lawyer took at home, on the monitor (each view audited: visit-snapshot.test.ts), also on a phone. Here, not in
  // the home visit above: that one must reach its end on time, this one has no clock to race.
  await monitor.getByRole("button", { name: zh.visitDay.staff.snapshots }).click();
  const photo = monitor.getByTestId("visit-snapshot").locator("img");
  await expect(photo).toHaveCount(1);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  const desktop = monitor.viewportSize()!;
  await monitor.setViewportSize({ width: 375, height: 740 });
  expect(await monitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await monitor.screenshot({ path: test.info().outputPath("monitor-snapshot-375.png") });
  await monitor.setViewportSize(desktop);
  await monitor.screenshot({ path: test.info().outputPath("monitor-snapshot.png") });
  await monitor.getByRole("button", { name: zh.visitDay.staff.snapshotsHide }).click();
  // The two sides hear each other; the monitor receives no audio at all.
  await expect.poll(async () => (await callState(lawyer))!.tracks.some((t) => t.kind === "audio" && t.peerId === heldId), { timeout: 30_000 }).toBe(true);
  const monitorTracks = (await callState(monitor))!.tracks;
  expect(monitorTracks.filter((t) => t.kind === "video").length).toBeGreaterThanOrEqual(2);
  expect(monitorTracks.filter((t) => t.kind === "audio")).toEqual([]);

  const reason = `违反会见规定${tag}`;
  await monitor.getByRole("button", { name: zh.visitRoom.monitor.terminate }).click();
  await monitor.getByLabel(zh.visitRoom.monitor.terminateReason).fill(reason);
  await monitor.getByRole("button", { name: zh.visitRoom.monitor.terminateConfirm }).click();
  await expect(lawyer.getByTestId("visit-ended").locator("[data-ended]")).toHaveAttribute("data-ended", "terminated", { timeout: 30_000 });
  expect(await lawyer.content()).not.toContain(reason);
  await lawyer.screenshot({ path: test.info().outputPath("terminated-375.png") });
  await expect.poll(async () => (await facility.get(`/api/v1/visits/${visit.id}`)).state, { timeout: 60_000 }).toBe("ended");
  expect(await facility.get(`/api/v1/visits/${visit.id}`)).toMatchObject({ endedHow: "terminated", endReason: reason, endedBy: "邓卫东", privileged: true });
  await Promise.all([public_.dispose(), facility.api.dispose()]);
});

test("a family at the county center: the center's officer opens the visit from the day list, confirms the ID card in person, the room's terminal joins, and both sides decode each other", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36).slice(-5);
  const [facility, center] = await Promise.all([staffApi(playwright, "jy1.officer"), staffApi(playwright, "gm.officer")]);
  const public_ = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const room = await centerRoom(center, tag, 5);
  const visit = await bookVisit(facility, public_, { heldName: "黄志明", relationship: "child", leadMs: 5_000, slotMinutes: 5, tag, place: { fromHome: false, roomId: room.id } });

  // The center officer's day list (the workbench) has the visit; its page has the in-person check.
  const centerDesk = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  contexts.push(centerDesk);
  const officer = await centerDesk.newPage();
  await signInByApi(officer, "gm.officer");
  await officer.goto("/");
  const row = officer.getByTestId("workbench-visit").filter({ has: officer.locator(`a[href="/visits/${visit.id}"]`) });
  await expect(row).toContainText("黄志明");
  await row.getByRole("link").click();
  await expect(officer).toHaveURL(new RegExp(`/visits/${visit.id}$`));
  const participant = officer.locator(`[data-testid="visit-day-participant"][data-participant="${visit.participantId}"]`);
  await participant.getByRole("button", { name: zh.visitDay.panel.confirmId }).click();
  await expect(participant.getByRole("button", { name: zh.visitDay.panel.confirmId })).toHaveCount(0);
  const confirmed = (await center.get(`/api/v1/visits/${visit.id}`)).participants[0];
  expect(confirmed).toMatchObject({ verifyMethod: "id_card", verifiedBy: "陈志强" });
  expect(Math.abs(Date.parse(confirmed.verifiedAt) - Date.now())).toBeLessThan(60_000);

  // The room's terminal opens in its own tab and waits; the facility opens the held person's terminal and starts.
  const [roomPage] = await Promise.all([centerDesk.waitForEvent("page"), officer.getByRole("button", { name: zh.visitDay.panel.openCenter }).click()]);
  await doorJoins(roomPage);
  const facilityDesk = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  contexts.push(facilityDesk);
  await signInByApi(await facilityDesk.newPage(), "jy1.officer");
  const terminal = await terminalJoins(facilityDesk, visit.id);
  await monitorStarts(facilityDesk, visit.id);
  await expectDecoding(roomPage, [`held:${visit.heldId}`], 60_000);
  await expectDecoding(terminal, [`family:${visit.id}`], 60_000);
  await expect(roomPage.getByTestId("recording-indicator")).toHaveText(zh.visitRoom.recording.required);
  await roomPage.screenshot({ path: test.info().outputPath("center-room.png") });
  await Promise.all([public_.dispose(), facility.api.dispose(), center.api.dispose()]);
});
