import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { decodeJwt, importPKCS8, SignJWT } from "jose";
import { callState, createRoom, expectDecoding, joinAsGuest, joinAsHost, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";

// Issue 9 §5, the media node's side in a real browser: a room whose tokens carry its end shows a
// countdown on both sides (a 375-px phone among them), "录音录像中", the monitor's notice, is amber
// under 5 minutes and turns red
// at the node's 1-minute warning and is ended by the node on time. The portal does not issue visit
// tokens yet (another part of issue 9), so this spec re-signs the ad-hoc call page's own tokens
// with the visit claims, with the portal's key (playwright.config.ts shares it).

const suffix = String(Date.now()).slice(-6);
// The room's length from the host's token: the family's join and the checks before the 1-minute
// warning need well under 40 s; the rest is the wait for the warning and the end (CI time).
const ROOM_SECONDS = 100;
const contexts: BrowserContext[] = [];
test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
});

/** The room's end (epoch seconds), fixed by the first token a page asks for: the joins before it cost no slot time. */
interface Terms {
  endsAt: number | null;
}

/** The grant the page fetches, with `endsAt` and `mustRecord` added to its token. */
async function withVisitTerms(page: Page, terms: Terms): Promise<void> {
  const key = await importPKCS8(process.env.JOIN_TOKEN_PRIVATE_KEY!, "EdDSA");
  await page.route(/\/api\/v1\/(rooms\/[^/]+\/join-token|join\/[^/?]+)$/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    const grant = (await response.json()) as { token: string };
    const { iss, aud, iat: _iat, exp, ...claims } = decodeJwt(grant.token);
    terms.endsAt ??= Math.floor(Date.now() / 1000) + ROOM_SECONDS;
    const endsAt = terms.endsAt;
    grant.token = await new SignJWT({ ...claims, endsAt, mustRecord: true })
      .setProtectedHeader({ alg: "EdDSA" })
      .setIssuer(iss!)
      .setAudience(aud as string)
      .setIssuedAt()
      .setExpirationTime(Math.min(exp!, endsAt))
      .sign(key);
    await route.fulfill({ response, json: grant });
  });
}

test("a timed room: both sides count down on the node's clock, see the notice and the warning, and the node ends it on time", async ({ browser }) => {
  // Two browsers on two shared cores, and a room that must live past its 1-minute warning.
  test.setTimeout(180_000);
  const host = await newParticipant(browser);
  contexts.push(host.context);
  await signInByApi(host.page, "gm.officer");
  const { id: roomId, guestLink } = await createRoom(host.page, `限时会见 ${suffix}`);
  const terms: Terms = { endsAt: null };
  await withVisitTerms(host.page, terms);
  const hostId = await joinAsHost(host.page, roomId);

  const family = await newParticipant(browser, { phone: true });
  contexts.push(family.context);
  await withVisitTerms(family.page, terms);
  await joinAsGuest(family.page, guestLink, "家属");
  const familyId = await selfId(family.page);
  const endsAt = terms.endsAt!;
  // Both in the room before the node's 1-minute warning, which is what the test waits for.
  expect(endsAt * 1000 - 60_000 - Date.now(), "the family joined before the 1-minute warning: ROOM_SECONDS is too short for this machine").toBeGreaterThan(0);
  await expectDecoding(host.page, [familyId], 40_000);
  await expectDecoding(family.page, [hostId], 40_000);

  for (const page of [host.page, family.page]) {
    await expect(page.getByTestId("visit-countdown")).toBeVisible();
    // Less than 5 minutes left from the start: amber already (the node skips a warning already past).
    await expect(page.getByTestId("visit-countdown")).toHaveAttribute("data-tone", "amber");
    await expect(page.getByTestId("recording-indicator")).toHaveText(zh.visitRoom.recording.required);
  }
  // On the phone the countdown and the indicator fit the screen.
  for (const id of ["visit-countdown", "recording-indicator"]) {
    const box = (await family.page.getByTestId(id).boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 375, id).toBe(true);
  }
  // The node's time, not the phone's: what the page shows is what the node says is left.
  const shown = Number(await family.page.getByTestId("visit-countdown").getAttribute("data-remaining-ms"));
  expect(Math.abs(shown - (endsAt * 1000 - Date.now()))).toBeLessThan(3000);

  // The monitor's notice reaches the other side, in its words.
  await host.page.getByRole("button", { name: zh.visitRoom.monitor.sendNotice }).click();
  await host.page.getByLabel(zh.visitRoom.monitor.noticeChoose).selectOption("conduct");
  await host.page.getByRole("button", { name: zh.visitRoom.monitor.noticeSend }).click();
  await expect(family.page.getByTestId("room-notice-text")).toHaveText(zh.visitRoom.notice.preset.conduct);
  await family.page.screenshot({ path: test.info().outputPath("phone-notice.png") });

  // The node's 1-minute warning: red, and said in words.
  await expect(family.page.getByTestId("visit-countdown")).toHaveAttribute("data-tone", "red", { timeout: 90_000 });
  await expect(family.page.getByTestId("visit-countdown-warning")).toHaveText(formatMessage(zh.visitRoom.countdown.warningMinutes, { minutes: 1 }), { timeout: 10_000 });
  expect((await callState(family.page))?.timeWarning?.thresholdSeconds).toBe(60);
  await family.page.screenshot({ path: test.info().outputPath("phone-warning.png") });
  await expectDecoding(family.page, [hostId]);

  // The end: the node closes the room by itself, on time.
  for (const page of [family.page, host.page]) {
    await expect.poll(async () => (await callState(page))?.phase, { timeout: 80_000, intervals: [200] }).toBe("ended");
  }
  const endedAt = Date.now();
  expect(endedAt).toBeGreaterThanOrEqual(endsAt * 1000 - 100);
  for (const page of [family.page, host.page]) {
    expect((await callState(page))?.ended).toEqual({ kind: "closed", message: "on_time" });
    await expect(page.getByTestId("ended-reason")).toContainText(zh.rooms.closeReason.on_time);
  }
  await family.page.screenshot({ path: test.info().outputPath("phone-ended.png") });
});
