import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { mediasoupWorkerCachePath, MEDIASOUP_VERSION } from "../scripts/bootstrap/mediasoup-worker.mjs";
import { callState, expectDecoding, joinAsGuest, joinAsHost, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { staffApi } from "./support/rollcall-link.ts";
import { startStack, waitForHttp, type Stack } from "./support/stack.ts";

// A first start, as a center sees it: the portal serves while the media node cannot run yet (its
// worker is still being built). Call pages say 视频服务启动中 instead of failing, a join clicked
// meanwhile waits, and once the worker is there the supervisor's next attempt brings the node up
// and the page connects by itself, with video. The "worker" is the real one behind a gate that
// refuses to run until the test opens it.
test.describe.configure({ mode: "serial" });

const gateDir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-gate-"));
const opened = path.join(gateDir, "built");
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const gate = path.join(gateDir, "mediasoup-worker");
  const real = process.env.MEDIASOUP_WORKER_BIN ?? mediasoupWorkerCachePath(MEDIASOUP_VERSION, process.env);
  fs.writeFileSync(gate, `#!/bin/sh\n[ -f '${opened}' ] || exit 1\nexec '${real}' "$@"\n`, { mode: 0o755 });
  stack = await startStack({ MEDIASOUP_WORKER_BIN: gate }, undefined, { waitForMedia: false });
});

test.afterAll(async () => {
  await stack?.stop();
  fs.rmSync(gateDir, { recursive: true, force: true });
});

test("call pages say the video service is starting, and connect by themselves once the media node is up", async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await newParticipant(browser, { baseURL: stack.portalUrl });
  const guest = await newParticipant(browser, { baseURL: stack.portalUrl, phone: true });
  try {
    await signInByApi(host.page, "hc.officer");
    const api = await staffApi(host.context, host.page.request);
    const room = await api.post<{ id: string; guestLink: string }>("/api/v1/rooms", { title: `首次启动 ${Date.now() % 1_000_000}` });
    // The portal answers; the media node does not (yet).
    expect(await fetch(`${stack.mediaUrl}/health`).then(() => true, () => false)).toBe(false);
    await guest.page.goto(room.guestLink);
    const notice = guest.page.getByTestId("media-service-starting");
    await expect(notice).toContainText("视频服务启动中");
    await guest.page.screenshot({ path: test.info().outputPath("media-service-starting-375px.png") });
    // The guest joins now; the call waits for the node instead of failing.
    await joinAsGuest(guest.page, room.guestLink, "首次访客");
    await expect(notice).toBeVisible();

    fs.writeFileSync(opened, "");
    await waitForHttp(`${stack.mediaUrl}/health`, 90_000);
    await expect(notice).toHaveCount(0, { timeout: 15_000 });
    await expect.poll(async () => (await callState(guest.page))?.phase, { timeout: 30_000 }).toBe("joined");
    const guestPeer = await selfId(guest.page);
    const hostPeer = await joinAsHost(host.page, room.id);
    await expectDecoding(guest.page, [hostPeer], 30_000);
    await expectDecoding(host.page, [guestPeer], 30_000);
  } finally {
    await host.context.close();
    await guest.context.close();
  }
});
