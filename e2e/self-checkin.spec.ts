import { chromium, expect, request, test, type APIRequestContext, type Browser } from "@playwright/test";
import { headTurnCameraFile } from "./support/face-camera-file.ts";
import { facePortraitJpegBase64 } from "./support/face-portraits.ts";
import { startTileServer, tilePort } from "./support/tile-server.ts";
import { DEMO_PASSWORD } from "./support/portal.ts";

// WebAuthn refuses an IP address as relying party: this spec opens the portal as localhost.
const ORIGIN = `http://localhost:${Number(process.env.E2E_PORT ?? 3210)}`;
const CENTRE = { latitude: 22.8866, longitude: 112.8827 };
const INSIDE = { latitude: 22.8876, longitude: 112.8827, accuracy: 20 };
const OUTSIDE = { latitude: 22.8866, longitude: 112.915, accuracy: 20 };
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));

test.describe.configure({ timeout: 300_000 });

/**
 * Three persons check in on "their phones" (a Chromium context each, with a virtual platform
 * authenticator, a fixed position and a fake camera playing a head turn): inside the area with the
 * enrolled face → 已报到; outside → pending with the reason; enrolled with another face → review.
 */
test("self check-in: inside → 已报到, outside → pending with reason, other face → review; the officer's page shows each", async () => {
  const file = headTurnCameraFile();
  const launch = test.info().project.use.launchOptions ?? {};
  const browser: Browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), `--use-file-for-fake-video-capture=${file}`] });
  const officer = await request.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { origin: ORIGIN } });
  const tiles = await startTileServer(tilePort(Number(process.env.E2E_PORT ?? 3210)));
  try {
    const login = await officer.post("/api/v1/auth/login", { data: { username: "hc.officer", password: DEMO_PASSWORD } });
    expect(login.ok()).toBe(true);
    const csrf = (await login.json()).csrfToken as string;
    const post = (path: string, data?: unknown) => officer.post(path, { data, headers: { "x-csrf-token": csrf } });

    const persons = await freshPersons(officer, 3);
    const setUp = async (personId: string, face: "a" | "b") => {
      expect((await post(`/api/v1/persons/${personId}/face`, { jpegBase64: facePortraitJpegBase64(face), source: "upload" })).status()).toBe(201);
      expect((await post(`/api/v1/persons/${personId}/residence-area`, { ...CENTRE, radiusMeters: 500, mayLeave: false, address: "" })).ok()).toBe(true);
      const plan = await post(`/api/v1/persons/${personId}/checkin`, { windows: ALL_WEEK });
      expect((await post(`/api/v1/persons/${personId}/checkin/binding`)).ok()).toBe(true);
      return (await plan.json()).link as string;
    };

    const phone = async (link: string, where: typeof INSIDE) => {
      const context = await browser.newContext({ baseURL: ORIGIN, locale: "zh-CN", timezoneId: "Asia/Shanghai", geolocation: where, permissions: ["geolocation", "camera"], viewport: { width: 375, height: 740 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("WebAuthn.enable");
      await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
      // The clip turns the head left: show the page one of the server's own (random) challenges
      // that asks for "left", by asking again when it said "right" (unused ones expire).
      await page.route("**/checkin/options", async (route) => {
        for (let i = 0; i < 20; i++) {
          const response = await route.fetch();
          const body = await response.json();
          if (response.status() !== 200 || body.liveness.direction === "left") return route.fulfill({ response, json: body });
        }
        return route.abort();
      });
      await page.goto(link);
      await page.getByTestId("checkin-bind").click();
      await expect(page.getByTestId("checkin-consent")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("checkin-consent")).toContainText("定位");
      await page.getByTestId("checkin-start").click();
      await expect(page.getByTestId("checkin-step")).toContainText("向左转头", { timeout: 60_000 });
      const outcome = page.getByTestId("checkin-outcome");
      await expect(outcome).toBeVisible({ timeout: 120_000 });
      return { page, context, outcome };
    };

    const [p1, p2, p3] = persons as [string, string, string];
    const inside = await phone(await setUp(p1, "a"), INSIDE);
    await expect(inside.outcome).toHaveAttribute("data-status", "checked_in");
    await expect(inside.outcome).toContainText("已报到");
    await inside.page.screenshot({ path: test.info().outputPath("checked-in.png") });

    const outside = await phone(await setUp(p2, "a"), OUTSIDE);
    await expect(outside.outcome).toHaveAttribute("data-status", "pending");
    await expect(outside.page.getByTestId("checkin-reasons")).toHaveText("位置在居住区域之外");

    const otherFace = await phone(await setUp(p3, "b"), INSIDE);
    await expect(otherFace.outcome).toHaveAttribute("data-status", "pending");
    await expect(otherFace.page.getByTestId("checkin-reasons")).toContainText("人脸");

    // The officer's page lists each with its status and plots the located ones around the area.
    const officerContext = await browser.newContext({ baseURL: ORIGIN, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await officerContext.newPage();
    await page.goto("/login");
    await page.getByLabel("用户名").fill("hc.officer");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).not.toHaveURL(/\/login/, { timeout: 20_000 });
    const blocked: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    for (const [id, status] of [[p1, "checked_in"], [p2, "pending"], [p3, "pending"]] as const) {
      await page.goto(`/persons/${id}/face`);
      await expect(page.getByTestId("checkin-item").first()).toHaveAttribute("data-status", status);
      await expect(page.getByTestId("location-plot").getByTestId("checkin-point")).toHaveCount(1);
    }
    // The basemap from the deployment's tile server (MAP_TILE_URL): the tiles drawn under the
    // area are the ones the browser fetched (the CSP allows that origin), with the attribution.
    const hrefs = await page.getByTestId("basemap-tile").evaluateAll((tiles) => tiles.map((tile) => new URL(tile.getAttribute("href")!).pathname));
    expect(hrefs.length).toBeGreaterThan(0);
    await expect.poll(() => hrefs.filter((href) => !tiles.requested.includes(href))).toEqual([]);
    await expect(page.getByTestId("basemap-attribution")).toHaveText(`底图：${process.env.MAP_TILE_ATTRIBUTION}`);
    expect(blocked).toEqual([]);
    await page.getByTestId("location-plot").screenshot({ path: test.info().outputPath("officer-plot-basemap.png") });
    await page.screenshot({ path: test.info().outputPath("officer-plot.png"), fullPage: true });

    // The workbench lists the two pending check-ins with their reasons (issue 13 §4).
    await page.goto("/");
    const item = (personId: string) => page.getByTestId("workbench-pending-item").filter({ has: page.locator(`a[href="/persons/${personId}/face"]`) });
    await expect(item(p2).getByTestId("workbench-reason")).toHaveText("位置在居住区域之外");
    await expect(item(p3).getByTestId("workbench-reason")).toContainText("人脸");
    await expect(item(p1)).toHaveCount(0);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: test.info().outputPath("workbench-pending-375.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: test.info().outputPath("workbench-pending-desktop.png"), fullPage: true });

    // Approve the one outside the area: it leaves the list, and the person's page says so.
    await item(p2).getByTestId("workbench-approve").click();
    await expect(page.getByRole("status").filter({ hasText: "已通过" })).toBeVisible({ timeout: 20_000 });
    await expect(item(p2)).toHaveCount(0);
    await outside.page.reload();
    await expect(outside.page.getByTestId("checkin-outcome")).toContainText("民警审核通过");

    // Two officers on the third at once: the county officer decides while this one types a reason;
    // this one's rejection is refused with 409 and the page says another officer decided.
    await item(p3).getByTestId("workbench-reject").click();
    await item(p3).getByTestId("workbench-reject-note").fill("人脸不符，请到所核验");
    const checkInId = (await (await officer.get(`/api/v1/persons/${p3}/checkin`)).json()).checkIns[0].id as string;
    const county = await request.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { origin: ORIGIN } });
    const countyLogin = await county.post("/api/v1/auth/login", { data: { username: "gm.officer", password: DEMO_PASSWORD } });
    const decided = await county.post(`/api/v1/persons/${p3}/checkin/${checkInId}/decision`, { data: { decision: "approved", note: "" }, headers: { "x-csrf-token": (await countyLogin.json()).csrfToken } });
    expect(decided.status()).toBe(200);
    await county.dispose();
    await item(p3).getByTestId("workbench-reject-confirm").click();
    await expect(page.getByRole("status").filter({ hasText: "另一位民警已处理这条报到" })).toBeVisible({ timeout: 20_000 });
    await expect(item(p3)).toHaveCount(0);
    const after = (await (await officer.get(`/api/v1/persons/${p3}/checkin`)).json()).checkIns[0];
    expect(after).toMatchObject({ decision: "approved", decisionNote: "" });
  } finally {
    await officer.dispose();
    await browser.close();
    await tiles.close();
  }
});

/** Persons of the officer's office with no self check-in yet (the spec may run again on the same database). */
async function freshPersons(officer: APIRequestContext, count: number): Promise<string[]> {
  const list = await (await officer.get("/api/v1/persons?pageSize=50")).json();
  const fresh: string[] = [];
  for (const person of list.items as Array<{ id: string }>) {
    const plan = await (await officer.get(`/api/v1/persons/${person.id}/checkin`)).json();
    if (plan.checkIns.length === 0 && plan.phones.length === 0) fresh.push(person.id);
    if (fresh.length === count) return fresh;
  }
  throw new Error("not enough persons without a check-in");
}
