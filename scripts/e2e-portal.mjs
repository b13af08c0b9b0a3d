// What the end-to-end tests drive: the built portal on a fresh temporary embedded database and a
// media node, with throwaway secrets. Playwright's webServer starts and stops it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "./lib/local-secrets.mjs";
import { serviceEnv, setUpDatabase, startMediaNode, startPortal } from "./lib/services.mjs";
import { supervise } from "./lib/supervise.mjs";

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-e2e-"));
process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
const env = serviceEnv(
  {
    ...process.env,
    YANGGUANG_ROOT: rootDir,
    // Deployment specs: a PostgreSQL server of theirs, and secrets shared with a second portal.
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? `pglite:${path.join(dataDir, "pglite")}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Visits: e2e books 2-minute slots starting a minute later.
    VISIT_MIN_SLOT_MINUTES: process.env.VISIT_MIN_SLOT_MINUTES ?? "1",
    ...ephemeralSecrets(),
    // Playwright's config may hand over the join-token key pair (its specs sign tokens too).
    ...(process.env.JOIN_TOKEN_PRIVATE_KEY && process.env.JOIN_TOKEN_PUBLIC_KEY
      ? { JOIN_TOKEN_PRIVATE_KEY: process.env.JOIN_TOKEN_PRIVATE_KEY, JOIN_TOKEN_PUBLIC_KEY: process.env.JOIN_TOKEN_PUBLIC_KEY }
      : {}),
    // A deployment spec's secrets, shared with its second portal, win over both.
    ...(process.env.E2E_SECRETS_JSON ? JSON.parse(process.env.E2E_SECRETS_JSON) : {}),
  },
  { portalPort: Number(process.env.E2E_PORT ?? 3210), mediaPort: Number(process.env.E2E_MEDIA_PORT ?? 4543) },
);
await setUpDatabase({ rootDir, env });
supervise([
  { name: "portal", start: () => startPortal({ rootDir, env }) },
  { name: "media node", start: () => startMediaNode({ rootDir, env }) },
]);
