import http from "node:http";
import https from "node:https";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectDecoding, joinAsGuest, joinAsHost, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { DEMO_PASSWORD } from "./support/portal.ts";
import { staffApi } from "./support/rollcall-link.ts";
import { startNginx, type Nginx } from "./support/nginx.ts";
import { freePort, startStack, type Stack } from "./support/stack.ts";

// HTTPS in front, as the compose deployment runs it: Debian's nginx with the deployment's own
// configuration (deploy/nginx/yangguang.conf.template) and a self-signed certificate that
// Chromium is told to accept, terminating TLS for the portal and the media node's signaling. A
// 375-px phone joins a call over https/wss and decodes video; the portal's origin and CSRF checks
// hold behind the proxy, and forwarded headers count from the proxy (127.0.0.1) only: a client
// talking to the portal directly from 127.0.0.3 cannot claim HTTPS, another host or another address.
test.describe.configure({ mode: "serial" });

const PROXY = "127.0.0.1";
const DIRECT_CLIENT = "127.0.0.3";
// A client of nginx at an address of its own (the browsers share 127.0.0.1 with the proxy).
const PROXIED_CLIENT = "127.0.0.4";
let stack: Stack;
let nginx: Nginx;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const [portalHttpsPort, mediaHttpsPort, portalPort, mediaPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const portalOrigin = `https://localhost:${portalHttpsPort}`;
  stack = await startStack(
    {
      MEDIA_PUBLIC_URL: `https://localhost:${mediaHttpsPort}`,
      MEDIA_INTERNAL_URL: `http://127.0.0.1:${mediaPort}`,
      MEDIA_CORS_ORIGIN: portalOrigin,
      TRUSTED_PROXIES: PROXY,
      LOGIN_MAX_FAILURES: "3",
    },
    { portal: portalPort, media: mediaPort },
  );
  nginx = await startNginx({ portalHttpsPort, mediaHttpsPort, portals: [`127.0.0.1:${portalPort}`], media: `127.0.0.1:${mediaPort}` });
});

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await nginx?.stop();
  await stack?.stop();
});

async function participant(browser: import("@playwright/test").Browser, phone = false): Promise<{ context: BrowserContext; page: Page }> {
  const made = await newParticipant(browser, { phone, baseURL: nginx.portalOrigin, ignoreHTTPSErrors: true });
  contexts.push(made.context);
  return made;
}

/** One raw request: through nginx (TLS, self-signed) or straight to the portal from another loopback address. */
function send(
  target: "proxy" | "direct",
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const options = { method, path, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) } };
    const url = target === "proxy" ? new URL(nginx.portalOrigin) : new URL(stack.portalUrl);
    const request =
      target === "proxy"
        ? // As a browser at https://localhost:<port> would: that Host, SNI localhost.
          https.request({ ...options, headers: { host: url.host, ...options.headers }, host: "127.0.0.1", localAddress: PROXIED_CLIENT, servername: "localhost", port: url.port, rejectUnauthorized: false })
        : http.request({ ...options, host: "127.0.0.1", port: url.port, localAddress: DIRECT_CLIENT });
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

test("a 375-px phone joins a call over https and wss behind nginx and decodes the host's video", async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await participant(browser);
  await signInByApi(host.page, "hc.officer");
  const api = await staffApi(host.context, host.page.request);
  const room = await api.post<{ id: string; guestLink: string }>("/api/v1/rooms", { title: `HTTPS 会议 ${Date.now() % 1_000_000}` });
  const hostPeer = await joinAsHost(host.page, room.id);

  const phone = await participant(browser, true);
  const sockets: string[] = [];
  phone.page.on("websocket", (socket) => sockets.push(socket.url()));
  await joinAsGuest(phone.page, room.guestLink, "手机访客");
  const phonePeer = await selfId(phone.page);
  expect(phone.page.url()).toMatch(new RegExp(`^${nginx.portalOrigin}/`));
  expect(phone.page.viewportSize()?.width).toBe(375);
  expect(await phone.page.evaluate(() => window.isSecureContext)).toBe(true);
  expect(sockets.some((url) => url.startsWith(`${nginx.mediaOrigin.replace("https", "wss")}/socket.io/`))).toBe(true);
  await expectDecoding(phone.page, [hostPeer], 30_000);
  await expectDecoding(host.page, [phonePeer], 30_000);
  // The session cookie of a sign-in through the proxy is Secure: the portal knows it is HTTPS.
  const cookies = await host.context.cookies(nginx.portalOrigin);
  expect(cookies.find((cookie) => cookie.name === "ygav_csrf")?.secure).toBe(true);
});

test("behind the proxy a write from another origin or without the CSRF token is refused", async ({ browser }) => {
  const staff = await participant(browser);
  await signInByApi(staff.page, "hc.officer");
  const cookie = (await staff.context.cookies(nginx.portalOrigin)).map((c) => `${c.name}=${c.value}`).join("; ");
  const csrf = decodeURIComponent((await staff.context.cookies(nginx.portalOrigin)).find((c) => c.name === "ygav_csrf")!.value);
  const create = (headers: Record<string, string>) => send("proxy", "POST", "/api/v1/rooms", { cookie, ...headers }, JSON.stringify({ title: "不应创建" }));
  expect((await create({ origin: "https://evil.example", "x-csrf-token": csrf })).status).toBe(403);
  expect((await create({ origin: nginx.portalOrigin })).status).toBe(403);
  expect((await create({ origin: nginx.portalOrigin, "x-csrf-token": "forged" })).status).toBe(403);
  // The same request with the page's origin and token passes: the proxy's Host is the browser's.
  const allowed = await create({ origin: nginx.portalOrigin, "x-csrf-token": csrf });
  expect(allowed.status, allowed.body).toBe(201);
});

test("forwarded headers count from the proxy only: a direct client cannot claim HTTPS, a host or an address", async () => {
  const login = (target: "proxy" | "direct", headers: Record<string, string>, password = DEMO_PASSWORD) =>
    send(target, "POST", "/api/v1/auth/login", headers, JSON.stringify({ username: "yh.officer", password }));
  // Through nginx the sign-in is HTTPS: Secure cookies.
  const viaProxy = await login("proxy", {});
  expect(viaProxy.status).toBe(200);
  expect(String(viaProxy.headers["set-cookie"])).toMatch(/;\s*Secure/i);
  // Straight to the portal, "X-Forwarded-Proto: https" from a stranger changes nothing.
  const direct = await login("direct", { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" });
  expect(direct.status).toBe(200);
  expect(String(direct.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
  // Nor does a forwarded host make a foreign origin look like the portal's own.
  const cookie = (direct.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const csrf = decodeURIComponent(/ygav_csrf=([^;]+)/.exec(cookie)![1]!);
  const forged = await send(
    "direct",
    "POST",
    "/api/v1/rooms",
    { cookie, "x-csrf-token": csrf, origin: "https://evil.example", "x-forwarded-host": "evil.example" },
    JSON.stringify({ title: "不应创建" }),
  );
  expect(forged.status).toBe(403);
  // The login limit counts the real client: addresses invented in X-Forwarded-For (which nginx
  // passes on, then appends the peer) do not reset it.
  for (let i = 0; i < 3; i++) expect((await login("proxy", { "x-forwarded-for": `198.51.100.${i}` }, "wrong-password")).status).toBe(401);
  expect((await login("proxy", { "x-forwarded-for": "198.51.100.77" }, "wrong-password")).status).toBe(429);
});
