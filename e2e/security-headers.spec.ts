import { expect, test, type Page } from "@playwright/test";
import { zh } from "./support/messages.ts";
import { createRoom, expectDecoding, joinAsGuest, joinAsHost, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { signIn } from "./support/portal.ts";

/** Collects CSP violations (the DOM event) and CSP console errors of a page from its first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI} on ${location.pathname}`),
    );
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("pages carry the security headers, with a fresh nonce each time and the camera only on call pages", async ({ page, request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const csp = first.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/connect-src 'self' http:\/\/\S+ ws:\/\/\S+/);
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("no-referrer");
  expect(first.headers()["permissions-policy"]).toContain("camera=()");
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  expect(await first.text()).toContain(`nonce="${nonce}"`);

  const call = await request.get("/join/abcdefghijklmnop0123");
  expect(call.headers()["permissions-policy"]).toContain("camera=(self), microphone=(self)");

  const api = await request.get("/api/v1/health");
  expect(api.headers()["cache-control"]).toBe("no-store");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  void page;
});

test("the main pages work under the CSP without a single violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, "gm.admin");
  for (const path of ["/", "/persons", "/rollcalls", "/rollcalls/new", "/rooms", "/admin/units", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
  }
  // Hydrated: a client component answers a click (the persons search filters in the browser).
  await page.goto("/persons");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a return path with a tab or newline after sign-in stays on this site", async ({ page }) => {
  for (const next of ["/%09/evil.example/", "/%0A/evil.example/", "/%5C/evil.example/"]) {
    await page.context().clearCookies();
    const response = await page.goto(`/login?next=${next}`);
    expect(response?.status()).toBe(200);
    await page.getByLabel(zh.login.username).fill("gm.officer");
    await page.getByLabel(zh.login.password).fill("Sunshine#2026");
    await page.getByRole("button", { name: zh.login.submit, exact: true }).click();
    await expect(page).not.toHaveURL(/\/login/, { timeout: 20_000 });
    expect(new URL(page.url()).host).toBe(new URL(page.context().pages()[0]!.url()).host);
    expect(page.url()).not.toContain("evil.example");
  }
});

test("a call works under the CSP: the host enters by the room page's link, both decode video, no violation", async ({ browser }) => {
  test.slow();
  const host = await newParticipant(browser);
  const hostViolations = await watchViolations(host.page);
  await signInByApi(host.page, "gm.officer");
  const { id, guestLink } = await createRoom(host.page, `CSP ${Date.now() % 1_000_000}`);
  // Through the link on the room page: a client-side navigation, which must still get the camera.
  const hostId = await joinAsHost(host.page, id);
  const guest = await newParticipant(browser);
  const guestViolations = await watchViolations(guest.page);
  await joinAsGuest(guest.page, guestLink, "访客");
  const guestId = await selfId(guest.page);
  await expectDecoding(host.page, [guestId]);
  await expectDecoding(guest.page, [hostId]);
  expect([...hostViolations, ...guestViolations]).toEqual([]);
  await host.context.close();
  await guest.context.close();
});
