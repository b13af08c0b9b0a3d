// What the end-to-end tests drive: the built portal on a fresh temporary embedded database and a
// media node, with throwaway secrets. Playwright's webServer starts and stops it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "./lib/local-secrets.mjs";
import { serviceEnv, setUpDatabase, startMediaNode, startPortal, supervise } from "./lib/services.mjs";

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-e2e-"));
process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
const env = serviceEnv(
  {
    ...process.env,
    YANGGUANG_ROOT: rootDir,
    DATABASE_URL: `pglite:${path.join(dataDir, "pglite")}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Visits: e2e books 2-minute slots starting a minute later.
    VISIT_MIN_SLOT_MINUTES: process.env.VISIT_MIN_SLOT_MINUTES ?? "1",
    ...ephemeralSecrets(),
    // Playwright's config may hand over the join-token key pair (its specs sign tokens too).
    ...(process.env.JOIN_TOKEN_PRIVATE_KEY && process.env.JOIN_TOKEN_PUBLIC_KEY
      ? { JOIN_TOKEN_PRIVATE_KEY: process.env.JOIN_TOKEN_PRIVATE_KEY, JOIN_TOKEN_PUBLIC_KEY: process.env.JOIN_TOKEN_PUBLIC_KEY }
      : {}),
  },
  { portalPort: Number(process.env.E2E_PORT ?? 3210), mediaPort: Number(process.env.E2E_MEDIA_PORT ?? 4543) },
);
await setUpDatabase({ rootDir, env });
supervise([startPortal({ rootDir, env }), startMediaNode({ rootDir, env })]);
