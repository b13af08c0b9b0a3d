import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { callState, expectDecoding, newParticipant, signInByApi } from "./support/call.ts";
import { probeMedia } from "./support/ffprobe.ts";
import { recordPeerConnections } from "./support/outbound-video.ts";
import { sentCountsAt, startCountingSent, type SentCounts } from "./support/sent-media.ts";
import { bookVisit, familyJoins, monitorStarts, staffApi, terminalJoins } from "./support/visit-day.ts";
import { zh } from "./support/messages.ts";
import config from "../playwright.config.ts";

// Issue 10's recorded visit end to end: a home visit in a 1-minute slot (the e2e portal allows
// 1-minute slots), booked at least 70 s ahead, is recorded from the start the officer gives to the
// end the node keeps. The officer starts it as soon as both sides wait, before the slot's start
// (allowed on the visit's day), so the time before the slot is recorded visit rather than idle
// waiting: the visit runs from that start to the slot's end, about 2 minutes (100–160 s with the
// usual 20–30 s of setup), as the issue asks, and CI waits for nothing else. Not shorter: the recorder's start costs a fixed 1–2 s
// of frames (writer start, first keyframe) and the node's admission a few seconds of the visit,
// which a 1-minute visit would not hold within the issue's 2 % and 5 %. Each track's
// original, downloaded as the facility officer, matches its archived SHA-256 and decodes whole with
// ffprobe; it lasts as long as the visit (within 5 %) and holds the frames the sender encoded and
// sent (within 2 %, the sender's own getStats). Then the playback page: both sides play on one
// clock (their positions within 100 ms at every sample), and after a seek both stand at the new
// position and stay together.
test.describe.configure({ mode: "serial" });

// Chromium's fake camera stamps its frames at its nominal rate: on a machine too busy to paint 20
// frames a second (load 30 here) one run's frames came at 15.8/s stamped 50 ms apart, so the
// video file's own clock (the sender's RTP timestamps, which the recorder keeps) ran 16 % short of
// the wall clock while the audio's did not. A real camera stamps capture time. At 10 fps, which
// this machine sustains, the fake camera's stamps are real time too.
const chromium = config.projects![0]!.use!.launchOptions!;
test.use({ launchOptions: { ...chromium, args: chromium.args!.map((arg) => (arg === "--use-fake-device-for-media-stream" ? `${arg}=fps=10` : arg)) } });

const contexts: BrowserContext[] = [];
let downloads: string;
const recorded = { roomId: "", visitMs: 0 };

test.beforeAll(() => {
  downloads = mkdtempSync(path.join(os.tmpdir(), "ygav-e2e-visit-recording-"));
});

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  rmSync(downloads, { recursive: true, force: true });
});

type RecordingItem = { id: string; identity: string; kind: string; codec: string; sha256: string; firstPacketAt: string; durationMs: number; endReason: string; gap: unknown };

test("a recorded visit: each track's file decodes, lasts the visit and holds the frames its sender sent", async ({ browser, playwright }) => {
  // Under 2 min until the slot ends (setup included), then the files and their decoding.
  test.setTimeout(360_000);
  const tag = Date.now().toString(36).slice(-5);
  const facility = await staffApi(playwright, "jy1.officer");
  const public_ = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const visit = await bookVisit(facility, public_, { heldName: "王海涛", relationship: "parent", leadMs: 70_000, slotMinutes: 1, tag });
  const bookedAt = Date.now();

  const desk = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  contexts.push(desk);
  await recordPeerConnections(desk);
  const officer = await desk.newPage();
  await signInByApi(officer, "jy1.officer");
  await officer.goto(`/visits/${visit.id}`);
  await officer.getByRole("button", { name: zh.visitDay.panel.issueLink }).click();
  const link = await officer.getByTestId("visit-family-link").inputValue();

  const home = await familyJoins(browser, link, visit.idNumber, recordPeerConnections);
  contexts.push(home.context);
  const family = home.page;
  // Counting from before the visit starts: every frame the pages send is in the series.
  await startCountingSent(family);
  const terminal = await terminalJoins(desk, visit.id);
  await startCountingSent(terminal);
  // Started as soon as both sides wait: the visit runs from here to the slot's end.
  const monitor = await monitorStarts(desk, visit.id);
  const familyId = `visitor:${visit.participantId}`;
  const heldId = `held:${visit.heldId}`;
  await expectDecoding(family, [heldId], 60_000);
  await expectDecoding(terminal, [familyId], 60_000);
  await expectDecoding(monitor, [familyId, heldId], 60_000);
  for (const page of [family, terminal]) {
    // The node's word: its writers are writing.
    await expect(page.getByTestId("recording-indicator")).toHaveAttribute("data-state", "recording", { timeout: 15_000 });
  }

  // A warning, for the playback page's time line.
  await monitor.getByRole("button", { name: zh.visitRoom.monitor.sendNotice }).click();
  await monitor.getByLabel(zh.visitRoom.monitor.noticeChoose).selectOption("conduct");
  await monitor.getByRole("button", { name: zh.visitRoom.monitor.noticeSend }).click();
  for (const page of [family, terminal]) await expect(page.getByTestId("room-notice-text")).toHaveText(zh.visitRoom.notice.preset.conduct);

  // The node ends the visit on time.
  for (const page of [family, terminal]) {
    await expect.poll(async () => (await callState(page))?.phase, { timeout: Math.max(0, visit.endsAt - Date.now()) + 30_000, intervals: [500] }).toBe("ended");
  }
  await expect.poll(async () => (await facility.get(`/api/v1/visits/${visit.id}`)).state, { timeout: 60_000, intervals: [1000] }).toBe("ended");
  const record = await facility.get(`/api/v1/visits/${visit.id}`);
  expect(record.endedHow).toBe("on_time");
  // What each side had sent when the node ended the room (its own clock: same machine). What a
  // page sends after that, until it hears of the end and closes, reaches no room and no recorder.
  const endedAt = Date.parse(record.endedAt);
  const senders: Record<string, Page> = { [familyId]: family, [heldId]: terminal };
  const sent: Record<string, SentCounts> = { [familyId]: await sentCountsAt(family, endedAt), [heldId]: await sentCountsAt(terminal, endedAt) };
  const visitMs = Date.parse(record.endedAt) - Date.parse(record.startedAt);
  // About two minutes: booked at least 70 s ahead of a 1-minute slot, started when both waited
  // (shorter only if the setup took over 40 s).
  const setupMs = Date.parse(record.startedAt) - bookedAt;
  console.log(`booked → started ${(setupMs / 1000).toFixed(1)} s; the visit ${(visitMs / 1000).toFixed(1)} s; booked → ended ${((endedAt - bookedAt) / 1000).toFixed(1)} s`);
  expect(visitMs, "the visit ran about two minutes").toBeGreaterThan(90_000);
  recorded.visitMs = visitMs;

  // The visit's record leads to its recording once the node has reported all four files.
  await expect(async () => {
    await officer.goto(`/visits/${visit.id}`);
    await expect(officer.getByTestId("visit-recording")).toHaveAttribute("data-files", "4", { timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [1000, 2000] });
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
    const file = await downloadOriginal(facility.api, item);
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

/** Fetches an original as its officer would; its bytes must be the archive's hash. */
async function downloadOriginal(api: APIRequestContext, item: RecordingItem): Promise<string> {
  const response = await api.get(`/api/v1/recordings/${item.id}/file`);
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  expect(response.headers()["x-content-sha256"]).toBe(item.sha256);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(item.sha256);
  const file = path.join(downloads, `${item.id}.${item.codec.endsWith("H264") ? "mkv" : "webm"}`);
  writeFileSync(file, bytes);
  return file;
}

/** Each playback video's position on the session's clock, read in one go. */
const videoClock = (page: Page) =>
  page.getByTestId("playback-video").evaluateAll((videos) =>
    (videos as HTMLVideoElement[]).map((video) => ({
      visible: getComputedStyle(video).visibility !== "hidden",
      playing: !video.paused && !video.seeking && video.readyState >= 3,
      atMs: Number(video.dataset.offsetMs) + video.currentTime * 1000,
      frames: video.getVideoPlaybackQuality().totalVideoFrames,
    })),
  );

/** Samples the two sides while they play: every sample within 100 ms of each other. */
async function expectInSync(page: Page, samples = 8): Promise<number[]> {
  const spreads: number[] = [];
  for (let i = 0; i < samples * 3 && spreads.length < samples; i++) {
    const live = (await videoClock(page)).filter((video) => video.visible && video.playing);
    if (live.length === 2) spreads.push(Math.round(Math.abs(live[0]!.atMs - live[1]!.atMs)));
    await page.waitForTimeout(400);
  }
  expect(spreads.length, `samples with both playing: ${spreads.join(", ")}`).toBe(samples);
  expect(Math.max(...spreads), `spreads (ms): ${spreads.join(", ")}`).toBeLessThanOrEqual(100);
  return spreads;
}

test("the visit plays back with both sides in sync, and a seek moves both", async ({ browser }) => {
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
