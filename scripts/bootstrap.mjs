// npm run bootstrap — everything the portal and the tests need, each step skipped when done:
// Node version, Debian packages, npm dependencies, the mediasoup worker, the Prisma client and
// the portal build. Only Node built-ins here: this runs before node_modules exists.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDebianPackages } from "./bootstrap/debian-packages.mjs";
import { BootstrapError } from "./bootstrap/errors.mjs";
import { ensureMediasoupWorker } from "./bootstrap/mediasoup-worker.mjs";
import { ensureNodeVersion } from "./bootstrap/node-version.mjs";
import { ensureNpmDependencies } from "./bootstrap/npm-dependencies.mjs";
import { ensurePrismaClient } from "./bootstrap/prisma-client.mjs";
import { ensureWebBuild } from "./bootstrap/web-build.mjs";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const log = (line) => console.log(`[bootstrap] ${line}`);

/** Returns the environment the portal and tests run with (MEDIASOUP_WORKER_BIN set). */
export async function bootstrap({ build = true } = {}) {
  const { env, worker, started } = await bootstrapPortalFirst({ build });
  const workerBin = await worker.catch(fail);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...env, MEDIASOUP_WORKER_BIN: workerBin };
}

/**
 * Everything the portal needs, without waiting for the mediasoup worker: on a fresh machine its
 * build takes minutes, and `npm start` serves the portal meanwhile. `worker` resolves to the
 * binary's path, or rejects with the step's error (`explainFailure` prints it).
 */
export async function bootstrapPortalFirst({ build = true } = {}) {
  const started = Date.now();
  const step = async (name, fn) => {
    const t0 = Date.now();
    const result = await fn();
    const ms = Date.now() - t0;
    if (ms > 500) log(`${name} done in ${(ms / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    ensureNodeVersion();
    await step("Debian packages", () => ensureDebianPackages({ log }));
    await step("npm dependencies", () => ensureNpmDependencies({ rootDir: ROOT_DIR, log }));
    // The worker build (minutes, once) overlaps the Prisma client and the portal build.
    const worker = step("mediasoup worker", () => ensureMediasoupWorker({ rootDir: ROOT_DIR, log }));
    worker.catch(() => {});
    await step("Prisma client", () => ensurePrismaClient({ rootDir: ROOT_DIR, log }));
    if (build) await step("portal build", () => ensureWebBuild({ rootDir: ROOT_DIR, log }));
    return { env: { ...process.env, YANGGUANG_ROOT: ROOT_DIR }, worker, started };
  } catch (error) {
    return fail(error);
  }
}

/** Prints a failed step's message and what to do about it. */
export function explainFailure(error) {
  if (!(error instanceof BootstrapError)) return false;
  console.error(`\n[bootstrap] ${error.message}`);
  if (error.hint) console.error(`[bootstrap] what to do: ${error.hint}`);
  return true;
}

function fail(error) {
  if (explainFailure(error)) process.exit(1);
  throw error;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bootstrap({ build: !process.argv.includes("--no-build") });
}
