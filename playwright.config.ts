import { generateKeyPairSync } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { tilePort } from "./e2e/support/tile-server.ts";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// The e2e media node's /metrics token: the web server (a child) and the specs both inherit it.
process.env.METRICS_TOKEN ??= "e2e-metrics-token-not-a-secret";
// The portal's join-token key pair, shared the same way: a spec signs a token with claims the
// portal does not issue (e2e/delivered-resolution-visit.spec.ts) and the media node must accept it.
if (!process.env.JOIN_TOKEN_PRIVATE_KEY || !process.env.JOIN_TOKEN_PUBLIC_KEY) {
  const pair = generateKeyPairSync("ed25519", { publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  process.env.JOIN_TOKEN_PRIVATE_KEY = pair.privateKey;
  process.env.JOIN_TOKEN_PUBLIC_KEY = pair.publicKey;
}
const baseURL = `http://127.0.0.1:${PORT}`;
// The location plot's basemap (issue 13 §3): the e2e portal names a tile server that
// e2e/self-checkin.spec.ts plays (e2e/support/tile-server.ts), so the CSP and the tiles are tested.
process.env.MAP_TILE_URL ??= `http://127.0.0.1:${tilePort(PORT)}/tiles/{z}/{x}/{y}.png`;
process.env.MAP_TILE_ATTRIBUTION ??= "测试底图 © e2e";

export default defineConfig({
  testDir: "e2e",
  // One portal on one embedded database: specs share its state and run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium: Playwright's own browser download is not reachable here.
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--allow-loopback-in-peer-connection",
          ],
        },
      },
    },
  ],
  webServer: {
    // Migrates and seeds a fresh temporary database, then serves the already-built web/.next.
    command: "node scripts/e2e-portal.mjs",
    // Ready once the database is open: the first sign-in must not pay for opening it.
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
