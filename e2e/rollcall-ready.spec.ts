import { expect, test } from "@playwright/test";
import { callState, expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { peerConnectionStates, recordPeerConnections } from "./support/peer-connections.ts";
import { formatMessage } from "./support/portal.ts";
import { scheduleRollCall } from "./support/rollcall-console.ts";
import { staffApi, verifyAndWait } from "./support/rollcall-link.ts";

// Issue 14, last part: the officer's console is ready before the call opens. Entering the console
// opens nothing: it prepares (a token for the room the roll call will have), connects both of its
// transports (ICE + DTLS) and shows 开始点名, while the person waiting on the link is not told.
// The click opens the call and joins on those connections; video then flows both ways.
// The person's page is ready too: from the console's lead time it holds a prepare-only token and
// both of its transports are connected while it waits (the node lets it join only once the call
// is open); the push that the call opened brings its join token, and the join is all that is left.

const t = zh.rollcallConsole.ready;

test("the console and the waiting person are connected before 开始点名 and nobody is told; the click gets video both ways", async ({ browser }) => {
  const officer = await newParticipant(browser);
  const person = await newParticipant(browser, { phone: true });
  try {
    await signInByApi(officer.page, "hc.officer");
    const api = await staffApi(officer.context, officer.page.request);
    const { id, people } = await scheduleRollCall(officer.page, `就绪点名 ${String(Date.now()).slice(-6)}`, 1);
    await recordPeerConnections(person.context);
    const joinRequests: string[] = [];
    person.page.on("request", (request) => {
      if (/\/api\/v1\/r\/[^/]+\/join$/.test(new URL(request.url()).pathname)) joinRequests.push(request.url());
    });
    await verifyAndWait(person.page, `/r/${people[0]!.token}`, people[0]!.idLast4);
    // The person's page says its video connection is ready, and it is: both transports connected.
    await expect(person.page.getByTestId("waiting-ready")).toHaveText(zh.rollcallLink.waiting.ready, { timeout: 30_000 });
    expect(await peerConnectionStates(person.page)).toEqual(["connected", "connected"]);

    await recordPeerConnections(officer.context);
    await officer.page.goto(`/rollcalls/${id}/console`);
    const ready = officer.page.getByTestId("console-ready");
    await expect(ready).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
    await expect(officer.page.getByTestId("console-ready-status")).toHaveText(formatMessage(t.ready, { count: 1 }));
    // Both of the console's connections are up before any click…
    expect(await peerConnectionStates(officer.page)).toEqual(["connected", "connected"]);
    // …the call is not open, and the person still waits, untold, outside the call.
    expect((await api.get<{ state: string }>(`/api/v1/rollcalls/${id}`)).state).toBe("scheduled");
    await person.page.waitForTimeout(1500);
    await expect(person.page.getByTestId("waiting-step")).toBeVisible();
    expect((await callState(person.page))?.phase ?? "none").not.toBe("joined");

    // The button has the focus: Enter starts (keyboard reachable).
    await expect(officer.page.getByTestId("start-rollcall")).toBeFocused();
    await officer.page.keyboard.press("Enter");
    await expect(officer.page.getByTestId("rollcall-console")).toHaveAttribute("data-role", "host");
    const officerId = await selfId(officer.page);
    const personId = await selfId(person.page);
    await expectDecoding(person.page, [officerId]);
    await expectDecoding(officer.page, [personId]);
    // The same two connections carry the call, on both sides: nothing was connected after the click.
    expect(await peerConnectionStates(officer.page)).toEqual(["connected", "connected"]);
    expect(await peerConnectionStates(person.page)).toEqual(["connected", "connected"]);
    // The push brought the person's join token: no POST /join was needed.
    expect(joinRequests).toEqual([]);
    expect((await api.get<{ state: string }>(`/api/v1/rollcalls/${id}`)).state).toBe("live");
  } finally {
    await officer.context.close();
    await person.context.close();
  }
});

test("a phone-width console shows the ready state and the start button in view", async ({ browser }) => {
  const officer = await newParticipant(browser, { phone: true });
  try {
    await signInByApi(officer.page, "hc.officer");
    const { id } = await scheduleRollCall(officer.page, `手机就绪 ${String(Date.now()).slice(-6)}`, 1);
    await officer.page.goto(`/rollcalls/${id}/console`);
    await expect(officer.page.getByTestId("console-ready")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
    await expect(officer.page.getByRole("button", { name: t.start, exact: true })).toBeInViewport();
    const overflow = await officer.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await officer.context.close();
  }
});

test("prepare is refused to an officer of another unit and for an ended roll call", async ({ browser }) => {
  const officer = await newParticipant(browser);
  const stranger = await newParticipant(browser);
  try {
    await signInByApi(officer.page, "hc.officer");
    const api = await staffApi(officer.context, officer.page.request);
    const { id } = await scheduleRollCall(officer.page, `拒绝准备 ${String(Date.now()).slice(-6)}`, 1);
    await signInByApi(stranger.page, "gm.officer");
    const other = await staffApi(stranger.context, stranger.page.request);
    // 高明区's officer sees the roll call (an ancestor) but does not run it: 403, typed.
    const superior = await other.send("POST", `/api/v1/rollcalls/${id}/prepare`);
    expect(superior.status).toBe(403);
    expect((superior.body as { error: { code: string } }).error.code).toBe("forbidden");
    // A sibling county's officer does not even see it: 404.
    await signInByApi(stranger.page, "nh.officer");
    const sibling = await (await staffApi(stranger.context, stranger.page.request)).send("POST", `/api/v1/rollcalls/${id}/prepare`);
    expect(sibling.status).toBe(404);
    expect((await api.get<{ state: string }>(`/api/v1/rollcalls/${id}`)).state).toBe("scheduled");

    await api.post(`/api/v1/rollcalls/${id}/open`);
    await api.post(`/api/v1/rollcalls/${id}/end`);
    const ended = await api.send("POST", `/api/v1/rollcalls/${id}/prepare`);
    expect(ended.status).toBe(409);
    expect((ended.body as { error: { code: string } }).error.code).toBe("conflict");
  } finally {
    await officer.context.close();
    await stranger.context.close();
  }
});
