// The portal the end-to-end tests drive: the built portal on a fresh temporary embedded database,
// with throwaway secrets. Playwright's webServer starts and stops it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "./lib/local-secrets.mjs";
import { runPortal, stopWithParent } from "./lib/run-portal.mjs";

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-e2e-"));
process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
const env = {
  ...process.env,
  YANGGUANG_ROOT: rootDir,
  DATABASE_URL: `pglite:${path.join(dataDir, "pglite")}`,
  ...ephemeralSecrets(),
};
const portal = await runPortal({ rootDir, env, port: Number(process.env.E2E_PORT ?? 3210) });
stopWithParent(portal);
