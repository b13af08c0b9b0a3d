import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { decodeJwt, importPKCS8, SignJWT } from "jose";
import { createRoom, deliveredVideo, expectDecoding, joinAsGuest, joinAsHost, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { fakeCameraFile } from "./support/fake-camera-file.ts";
import { outboundVideo, recordPeerConnections } from "./support/outbound-video.ts";

// A visit is 1:1 for its whole life, so each side sends its camera as ONE full-size encoding with
// temporal layers (L1T3) instead of simulcast, and the far side arrives at the camera's full
// height (issue 14). One visit, both directions: the officer's browser films through a 720p clip,
// the family's through Chromium's VGA fake camera; each page decodes the other at 720 and 480
// lines (getStats frameHeight), and each sender's getStats shows a single video stream in L1T3.
// The portal does not issue visit tokens from the call pages yet, so the spec re-signs the
// meeting page's tokens as a visit (kind "visit", privileged: no recorder on a 2-core machine;
// the family as a roster person, since a visit has no guests), with the portal's key.

const opened: Array<Browser | BrowserContext> = [];
test.afterAll(async () => {
  for (const handle of opened.reverse()) await handle.close().catch(() => {});
});

async function asVisit(page: Page): Promise<void> {
  const key = await importPKCS8(process.env.JOIN_TOKEN_PRIVATE_KEY!, "EdDSA");
  await page.route(/\/api\/v1\/(rooms\/[^/]+\/join-token|join\/[^/?]+)$/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    const grant = (await response.json()) as { token: string };
    const { iss, aud, iat: _iat, exp, ...claims } = decodeJwt(grant.token);
    const family = claims.role === "guest" ? { role: "participant", as: "person" } : {};
    grant.token = await new SignJWT({ ...claims, ...family, kind: "visit", privileged: true })
      .setProtectedHeader({ alg: "EdDSA" })
      .setIssuer(iss!)
      .setAudience(aud as string)
      .setIssuedAt()
      .setExpirationTime(exp!)
      .sign(key);
    await route.fulfill({ response, json: grant });
  });
}

test("a visit: each side sends one full-size L1T3 stream and the far side arrives at 720 and 480 lines", async () => {
  test.slow();
  const launch = test.info().project.use.launchOptions ?? {};
  const clipBrowser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), `--use-file-for-fake-video-capture=${fakeCameraFile(1280, 720)}`] });
  const vgaBrowser = await chromium.launch(launch);
  opened.push(clipBrowser, vgaBrowser);

  const officer = await newParticipant(clipBrowser);
  opened.push(officer.context);
  await recordPeerConnections(officer.context);
  await signInByApi(officer.page, "hc.officer");
  const room = await createRoom(officer.page, `会见清晰度 ${String(Date.now()).slice(-6)}`);
  await asVisit(officer.page);
  const officerId = await joinAsHost(officer.page, room.id);

  const family = await newParticipant(vgaBrowser);
  opened.push(family.context);
  await recordPeerConnections(family.context);
  await asVisit(family.page);
  await joinAsGuest(family.page, room.guestLink, "家属");
  const familyId = await selfId(family.page);
  await expectDecoding(family.page, [officerId], 30_000);
  await expectDecoding(officer.page, [familyId], 30_000);

  let measured = { atFamily: { frameHeight: 0, kbps: 0 }, atOfficer: { frameHeight: 0, kbps: 0 } };
  try {
    await expect
      .poll(
        async () => {
          measured = { atFamily: await deliveredVideo(family.page, officerId), atOfficer: await deliveredVideo(officer.page, familyId) };
          return measured.atFamily.frameHeight === 720 && measured.atOfficer.frameHeight === 480 && measured.atFamily.kbps > 0 && measured.atOfficer.kbps > 0;
        },
        { timeout: 60_000, message: "the officer's 720p at 720 lines on the family's page, the family's VGA at 480 on the officer's" },
      )
      .toBe(true);
  } finally {
    test.info().annotations.push({ type: "delivered video", description: JSON.stringify(measured) });
    console.log(`delivered video (visit): ${JSON.stringify(measured)}`);
  }

  // No simulcast: one video stream per sender, in three temporal layers.
  for (const [who, page] of [["officer", officer.page], ["family", family.page]] as const) {
    const streams = (await outboundVideo(page)).filter((s) => s.bytesSent > 0);
    console.log(`outbound video (${who}): ${JSON.stringify(streams)}`);
    expect(streams, `${who}: one video stream`).toHaveLength(1);
    expect(streams[0]!.rid, `${who}: no simulcast rid`).toBeNull();
    expect(streams[0]!.scalabilityMode, `${who}: temporal layers`).toBe("L1T3");
  }
});
