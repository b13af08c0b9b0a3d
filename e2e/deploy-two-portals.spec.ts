import { spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ephemeralSecrets } from "../scripts/lib/local-secrets.mjs";
import { serviceEnv, startPortal } from "../scripts/lib/services.mjs";
import { startPostgresServer, type PostgresServer } from "../test/support/postgres-server.ts";
import { expectDecoding, joinAsGuest, joinAsHost, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { DEMO_PASSWORD } from "./support/portal.ts";
import { startNginx, type Nginx } from "./support/nginx.ts";
import { freePort, startStack, waitForHttp, type Stack } from "./support/stack.ts";

// Two portal processes on one PostgreSQL 15 server behind nginx's round-robin (the deployment's
// own configuration, told to name the answering process in X-Upstream). Everything a portal knows
// lives in the database, so it must not matter which process answers: a sign-in on one is a
// session on the other, a CSRF token from one passes the other, the login limit counts across
// both (also 12 wrong passwords at once), concurrent marks of one entry end in one state with an
// intact audit chain, and the media node's reports (sent to one) show through either.
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "..");
let postgres: PostgresServer;
let stack: Stack;
let second: ChildProcess;
let nginx: Nginx;
let api: APIRequestContext;
const ports = { a: 0, b: 0, media: 0, portalHttps: 0, mediaHttps: 0 };

test.beforeAll(async () => {
  test.setTimeout(300_000);
  postgres = await startPostgresServer();
  for (const key of Object.keys(ports) as Array<keyof typeof ports>) ports[key] = await freePort();
  const secrets = ephemeralSecrets();
  const shared = {
    MEDIA_PUBLIC_URL: `https://localhost:${ports.mediaHttps}`,
    MEDIA_INTERNAL_URL: `http://127.0.0.1:${ports.media}`,
    MEDIA_CORS_ORIGIN: `https://localhost:${ports.portalHttps}`,
    TRUSTED_PROXIES: "127.0.0.1",
    LOGIN_MAX_FAILURES: "3",
  };
  // Portal A and the media node (which reports to A), migrated and seeded by the stack's start.
  stack = await startStack(
    { ...shared, E2E_DATABASE_URL: postgres.url, E2E_SECRETS_JSON: JSON.stringify(secrets) },
    { portal: ports.a, media: ports.media },
  );
  const env = serviceEnv(
    { ...process.env, ...shared, ...secrets, YANGGUANG_ROOT: ROOT, DATABASE_URL: postgres.url, LOG_LEVEL: "warn" },
    { portalPort: ports.b, mediaPort: ports.media },
  );
  second = startPortal({ rootDir: ROOT, env: { ...env, PORT: String(ports.b) } });
  await waitForHttp(`http://127.0.0.1:${ports.b}/api/v1/health`, 120_000, () => second.exitCode === null);
  nginx = await startNginx({
    portalHttpsPort: ports.portalHttps,
    mediaHttpsPort: ports.mediaHttps,
    portals: [`127.0.0.1:${ports.a}`, `127.0.0.1:${ports.b}`],
    media: `127.0.0.1:${ports.media}`,
    revealUpstream: true,
  });
  api = await playwrightRequest.newContext({ baseURL: nginx.portalOrigin, ignoreHTTPSErrors: true });
});

test.afterAll(async () => {
  await api?.dispose();
  await nginx?.stop();
  if (second && second.exitCode === null) {
    const exited = new Promise((resolve) => second.once("exit", resolve));
    second.kill("SIGTERM");
    await exited;
  }
  await stack?.stop();
  postgres?.stop();
});

const upstream = (response: APIResponse) => response.headers()["x-upstream"];
const both = () => [`127.0.0.1:${ports.a}`, `127.0.0.1:${ports.b}`];

test("a sign-in on one portal is a session on the other, and a CSRF token from one passes the other", async () => {
  const login = await api.post("/api/v1/auth/login", { data: { username: "hc.officer", password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const signedInOn = upstream(login);
  expect(both()).toContain(signedInOn);
  const csrf = decodeURIComponent((await api.storageState()).cookies.find((c) => c.name === "ygav_csrf")!.value);
  const answered = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const me = await api.get("/api/v1/auth/me");
    expect(me.status()).toBe(200);
    expect((await me.json()).username).toBe("hc.officer");
    answered.add(upstream(me)!);
  }
  expect([...answered].sort()).toEqual(both().sort());
  const writtenOn = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const created = await api.post("/api/v1/rooms", { data: { title: `双门户 ${i}` }, headers: { "x-csrf-token": csrf, origin: nginx.portalOrigin } });
    expect(created.status(), await created.text()).toBe(201);
    writtenOn.add(upstream(created)!);
  }
  expect([...writtenOn].sort()).toEqual(both().sort());
});

test("the login limit counts across both processes, also for wrong passwords sent at once", async () => {
  const fresh = await playwrightRequest.newContext({ baseURL: nginx.portalOrigin, ignoreHTTPSErrors: true });
  try {
    const attempt = () => fresh.post("/api/v1/auth/login", { data: { username: "yh.officer", password: "wrong-password" } });
    const answers = await Promise.all(Array.from({ length: 12 }, attempt));
    const statuses = answers.map((a) => a.status());
    expect(new Set(answers.map(upstream)).size).toBe(2);
    // LOGIN_MAX_FAILURES=3 for the account and address, whichever process counted.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(9);
    const after = await Promise.all([attempt(), attempt()]);
    expect(after.map((a) => a.status())).toEqual([429, 429]);
  } finally {
    await fresh.dispose();
  }
});

test("concurrent marks of one entry through both processes end in one saved state, with the audit chain intact", async () => {
  const csrf = decodeURIComponent((await api.storageState()).cookies.find((c) => c.name === "ygav_csrf")!.value);
  const write = { "x-csrf-token": csrf, origin: nginx.portalOrigin };
  const me = await (await api.get("/api/v1/auth/me")).json();
  const persons = (await (await api.get(`/api/v1/persons?unitId=${me.unitId}`)).json()).items.slice(0, 2);
  const created = await api.post("/api/v1/rollcalls", {
    headers: write,
    data: { title: "双门户点名", unitId: me.unitId, startsAt: new Date().toISOString(), graceMinutes: 5, durationMinutes: 30, livenessEnabled: false, personIds: persons.map((p: { id: string }) => p.id) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = (await created.json()).items[0].id;
  const entries = (await (await api.get(`/api/v1/rollcalls/${id}`)).json()).entries as Array<{ id: string }>;
  const statuses = ["present", "late", "excused", "absent"];
  const marks = await Promise.all(
    Array.from({ length: 16 }, (_, i) => api.post(`/api/v1/rollcalls/${id}/entries/${entries[0]!.id}/mark`, { headers: write, data: { status: statuses[i % 4] } })),
  );
  expect(new Set(marks.map(upstream)).size).toBe(2);
  // Each answer is a save or a clean refusal, never a server error.
  for (const mark of marks) expect([200, 409, 503], await mark.text()).toContain(mark.status());
  const saved = await Promise.all(marks.filter((m) => m.status() === 200).map(async (m) => (await m.json()) as { status: string; version: number }));
  expect(saved.length).toBeGreaterThan(0);
  const last = saved.reduce((a, b) => (b.version > a.version ? b : a));
  // Both processes read back the one final state: the latest saved version's.
  for (let i = 0; i < 4; i++) {
    const entry = (await (await api.get(`/api/v1/rollcalls/${id}`)).json()).entries.find((e: { id: string }) => e.id === entries[0]!.id);
    expect(entry.status).toBe(last.status);
  }
  const verify = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "scripts", "audit-verify.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: postgres.url },
    encoding: "utf8",
  });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toMatch(/chain intact/);
});

test("a call through the proxy works, and the media node's reports show through either process", async ({ browser }) => {
  test.setTimeout(150_000);
  const host = await newParticipant(browser, { baseURL: nginx.portalOrigin, ignoreHTTPSErrors: true });
  const guest = await newParticipant(browser, { baseURL: nginx.portalOrigin, ignoreHTTPSErrors: true, phone: true });
  try {
    await signInByApi(host.page, "hc.officer");
    const csrf = decodeURIComponent((await host.context.cookies()).find((c) => c.name === "ygav_csrf")!.value);
    const room = await (await host.page.request.post("/api/v1/rooms", { data: { title: "双门户会议" }, headers: { "x-csrf-token": csrf, origin: nginx.portalOrigin } })).json();
    const hostPeer = await joinAsHost(host.page, room.id);
    await joinAsGuest(guest.page, room.guestLink, "双门户访客");
    const guestPeer = await selfId(guest.page);
    await expectDecoding(guest.page, [hostPeer], 30_000);
    await expectDecoding(host.page, [guestPeer], 30_000);
    const seenBy = new Set<string>();
    await expect
      .poll(
        async () => {
          const detail = await api.get(`/api/v1/rooms/${room.id}`);
          seenBy.add(upstream(detail)!);
          const events = (await detail.json()).events as Array<{ type: string }>;
          return events.filter((e) => e.type === "peer.joined").length >= 2 && seenBy.size === 2;
        },
        { timeout: 30_000, message: "both joins reported, read through both portals" },
      )
      .toBe(true);
  } finally {
    await host.context.close();
    await guest.context.close();
  }
});
