import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startPostgresServer, type PostgresServer } from "../test/support/postgres-server.ts";
import { createRoom, expectDecoding, joinAsGuest, joinAsHost, newParticipant, peerNamed, callState, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { scheduleRollCall, startRollCall } from "./support/rollcall-console.ts";
import { expectInSync, videoClock } from "./support/recording-playback.ts";
import { verifyAndWait } from "./support/rollcall-link.ts";
import { startStack, type Stack } from "./support/stack.ts";

// A meeting recorded from the moderator's button to the playback page, on a stack of its own on
// PostgreSQL (as deployed) so that `npm run recordings:verify` can read the archive while the
// portal runs: "录音录像中" shows on every side as the node reports it, the files reach the
// portal when the room closes and verify against their hashes, the playback page decodes both
// people's video on one clock and at 2×, and an inspector sees the records but gets no byte.
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "..");
let postgres: PostgresServer;
let stack: Stack;
let recordingsDir: string;
const room = { id: "", guestLink: "" };

test.beforeAll(async () => {
  test.setTimeout(300_000);
  postgres = await startPostgresServer();
  recordingsDir = mkdtempSync(path.join(os.tmpdir(), "ygav-e2e-recordings-"));
  stack = await startStack({ E2E_DATABASE_URL: postgres.url, RECORDINGS_DIR: recordingsDir, RECORDING_MIN_FREE_MB: "1" });
});

test.afterAll(async () => {
  await stack?.stop();
  postgres?.stop();
  if (recordingsDir) rmSync(recordingsDir, { recursive: true, force: true });
});

test("the moderator starts recording and every side shows 录音录像中; the files reach the archive when the room closes and verify", async ({ browser }) => {
  test.setTimeout(240_000);
  const host = await newParticipant(browser, { baseURL: stack.portalUrl });
  const guest = await newParticipant(browser, { baseURL: stack.portalUrl, phone: true });
  try {
    await signInByApi(host.page, "gm.officer");
    Object.assign(room, await createRoom(host.page, `录像例会 ${String(Date.now()).slice(-5)}`));
    const hostPeer = await joinAsHost(host.page, room.id);
    await joinAsGuest(guest.page, room.guestLink, "访客乙");
    const guestPeer = await selfId(guest.page);
    await expectDecoding(host.page, [guestPeer], 40_000);
    await expectDecoding(guest.page, [hostPeer], 40_000);

    // Not recorded yet: nobody sees the badge; only the moderator has the button.
    await expect(host.page.getByTestId("recording-indicator")).toHaveCount(0);
    await expect(guest.page.getByTestId("recording-indicator")).toHaveCount(0);
    await expect(guest.page.getByTestId("recording-start")).toHaveCount(0);
    await host.page.getByTestId("recording-start").click();
    for (const page of [host.page, guest.page]) {
      const badge = page.getByTestId("recording-indicator");
      await expect(badge).toHaveAttribute("data-state", "recording", { timeout: 15_000 });
      await expect(badge).toHaveText(zh.visitRoom.recording.recording);
    }
    expect((await callState(guest.page))?.recording).toMatchObject({ state: "recording", required: false, forbidden: false });
    await expect(host.page.getByTestId("recording-stop")).toBeVisible({ timeout: 30_000 });

    // Long enough for several keyframes and a few sender reports in every file.
    await host.page.waitForTimeout(15_000);
    expect(peerNamed(await callState(host.page), "访客乙")).toBeTruthy();

    await host.page.goto(`/rooms/${room.id}`);
    await host.page.getByRole("button", { name: zh.rooms.close }).click();
    await host.page.getByRole("button", { name: zh.rooms.closeConfirmYes }).click();
    await expect(host.page.getByRole("heading", { level: 1 }).getByText(zh.rooms.closed)).toBeVisible();

    // The node reports each file when it closes: two people × (camera + microphone).
    await host.page.getByTestId("room-recordings-link").click();
    await expect(host.page).toHaveURL(new RegExp(`/rooms/${room.id}/recordings$`));
    await expect(async () => {
      await host.page.reload();
      await expect(host.page.getByTestId("recording-file")).toHaveCount(4, { timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [1000, 2000] });
    await expect(host.page.locator('[data-testid="recording-file"][data-kind="video"]')).toHaveCount(2);
  } finally {
    await guest.context.close();
    await host.context.close();
  }

  const verify = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "scripts", "recordings-verify.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: postgres.url, RECORDINGS_DIR: recordingsDir },
    encoding: "utf8",
  });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toMatch(/recordings:verify OK — 4 files/);
});

test("the playback page plays both people's video on one clock, and at 2×", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await newParticipant(browser, { baseURL: stack.portalUrl });
  try {
    await signInByApi(page, "gm.officer");
    await page.goto(`/rooms/${room.id}/recordings`);
    await expect(page.getByTestId("playback-track")).toHaveCount(2);
    await page.getByTestId("playback-toggle").click();
    // Frames really decode in every video element, not just a moving clock.
    const first = await videoClock(page);
    await expect(async () => {
      const now = await videoClock(page);
      const live = now.filter((video) => video.visible);
      expect(live).toHaveLength(2);
      for (const video of live) expect(video.frames).toBeGreaterThan(first[now.indexOf(video)]!.frames + 10);
    }).toPass({ timeout: 30_000, intervals: [1000] });

    // In sync: while both play, the two files stand at the same session time (within 100 ms).
    await expectInSync(page);

    // 2×: both media elements take the rate. (Seeking is e2e/visit-day.spec.ts's recorded visit: a click on
    // the seek bar as a person does it; a script setting the slider's value never reaches React.)
    await page.getByTestId("playback-speed-2").click();
    await expect(page.getByTestId("playback-speed-2")).toHaveAttribute("aria-pressed", "true");
    // (The clock nudges a drifting video's rate by up to 25 % of the chosen one: 1.5–2.5, where 1×
    // would be 0.75–1.25.)
    await expect(async () => {
      const rates = await page.getByTestId("playback-video").evaluateAll((videos) => (videos as HTMLVideoElement[]).map((video) => video.playbackRate));
      expect(rates).toHaveLength(2);
      for (const rate of rates) expect(Math.abs(rate - 2)).toBeLessThanOrEqual(0.5);
    }).toPass({ timeout: 10_000, intervals: [250, 500] });
    await page.screenshot({ path: test.info().outputPath("playback.png"), fullPage: true });
    // On a phone the player, its controls and the files fit the width.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(page.getByTestId("playback-toggle")).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: test.info().outputPath("playback-375.png"), fullPage: true });
  } finally {
    await context.close();
  }
});

test("a side whose file is slow to arrive holds the other where it stands, and both then play in sync", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await newParticipant(browser, { baseURL: stack.portalUrl });
  try {
    await signInByApi(page, "gm.officer");
    const list = (await (await page.request.get(`/api/v1/rooms/${room.id}/recordings`)).json()) as { items: Array<{ id: string; kind: string }> };
    const slow = list.items.find((item) => item.kind === "video");
    expect(slow, "a video file in the archive").toBeTruthy();
    // One side's file takes 6 s to start arriving, as on a slow link to the archive.
    const slowUrl = new RegExp(`/api/v1/recordings/${slow!.id}/file`);
    await page.route(slowUrl, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      await route.continue();
    });
    await page.goto(`/rooms/${room.id}/recordings`);
    await expect(page.getByTestId("playback-track")).toHaveCount(2);
    await page.getByTestId("playback-toggle").click();
    // While the slow side cannot play, the other stands at the start instead of running on alone.
    const held: number[] = [];
    for (let i = 0; i < 6; i++) {
      const videos = await page.getByTestId("playback-video").evaluateAll((elements) =>
        (elements as HTMLVideoElement[]).map((video) => ({ loading: video.readyState < 3, atMs: Number(video.dataset.offsetMs) + video.currentTime * 1000 })),
      );
      if (videos.some((video) => video.loading)) held.push(...videos.filter((video) => !video.loading).map((video) => Math.round(video.atMs)));
      await page.waitForTimeout(400);
    }
    expect(held.length, "samples of the ready side taken while the slow side was still loading").toBeGreaterThan(0);
    for (const atMs of held) expect(atMs, `the ready side's session time while the other loads: ${held.join(", ")}`).toBeLessThanOrEqual(held[0]! + 300);
    await expectInSync(page);
  } finally {
    await context.close();
  }
});

test("an inspector sees the records and the history, but no player and no byte of a file", async ({ browser }) => {
  const { context, page } = await newParticipant(browser, { baseURL: stack.portalUrl });
  try {
    await signInByApi(page, "gm.inspector");
    await page.goto(`/rooms/${room.id}/recordings`);
    await expect(page.getByTestId("playback-not-allowed")).toBeVisible();
    await expect(page.getByTestId("recording-file")).toHaveCount(4);
    await expect(page.getByTestId("recording-download")).toHaveCount(0);
    await expect(page.getByTestId("playback-video")).toHaveCount(0);
    const id = await page.getByTestId("recording-file").first().getAttribute("data-id");
    expect((await page.request.get(`/api/v1/recordings/${id}/file`)).status()).toBe(403);
    expect((await page.request.get(`/api/v1/recordings/${id}/file`, { headers: { range: "bytes=0-" } })).status()).toBe(403);
  } finally {
    await context.close();
  }
});

test("a roll call recorded from the console mid-call: the person's page says so, and the summary lists the recording", async ({ browser }) => {
  test.setTimeout(300_000);
  const officer = await newParticipant(browser, { baseURL: stack.portalUrl, phone: true });
  const person = await newParticipant(browser, { baseURL: stack.portalUrl, phone: true });
  try {
    await signInByApi(officer.page, "hc.officer");
    const { id, people } = await scheduleRollCall(officer.page, `录像点名 ${String(Date.now()).slice(-5)}`, 1);
    const roster = people[0]!;
    await verifyAndWait(person.page, `/r/${roster.token}`, roster.idLast4);
    await startRollCall(officer.page, id);
    await expectDecoding(officer.page, [await selfId(person.page)], 40_000);

    await expect(person.page.getByTestId("recording-indicator")).toHaveCount(0);
    await officer.page.getByTestId("recording-start").click();
    for (const page of [officer.page, person.page]) {
      await expect(page.getByTestId("recording-indicator")).toHaveAttribute("data-state", "recording", { timeout: 15_000 });
    }
    await person.page.screenshot({ path: test.info().outputPath("person-recording-375.png") });
    await officer.page.waitForTimeout(8_000);

    await officer.page.getByRole("button", { name: zh.rollcallConsole.end, exact: true }).click();
    await officer.page.getByRole("alertdialog", { name: zh.rollcallConsole.endConfirmTitle }).getByRole("button", { name: zh.rollcallConsole.endConfirm, exact: true }).click();
    await expect(officer.page.getByTestId("console-ended")).toBeVisible();
    await officer.page.goto(`/rollcalls/${id}`);
    await expect(async () => {
      await officer.page.reload();
      await expect(officer.page.getByTestId("rollcall-recording")).toHaveAttribute("data-files", "4", { timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [1000, 2000] });
    await officer.page.getByTestId("rollcall-recording-link").click();
    await expect(officer.page).toHaveURL(/\/recordings$/);
    await expect(officer.page.getByTestId("playback-track")).toHaveCount(2);
  } finally {
    await person.context.close();
    await officer.context.close();
  }
});
