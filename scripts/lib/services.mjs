import { spawn } from "node:child_process";
import path from "node:path";
import { mediasoupWorkerCachePath, MEDIASOUP_VERSION } from "../bootstrap/mediasoup-worker.mjs";

/** Applies migrations and seeds an empty database, in one short process. */
export function setUpDatabase({ rootDir, env }) {
  return new Promise((resolve, reject) => {
    const setup = spawn(path.join(rootDir, "node_modules", ".bin", "tsx"), [path.join(rootDir, "scripts", "db-setup.ts")], {
      cwd: rootDir,
      env,
      stdio: "inherit",
    });
    setup.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`database setup failed (exit ${code})`))));
  });
}

/** The media node and the portal wired to each other on one machine. */
export function serviceEnv(env, { portalPort, mediaPort }) {
  return {
    ...env,
    PORT: String(portalPort),
    MEDIA_PORT: String(mediaPort),
    MEDIA_PUBLIC_URL: env.MEDIA_PUBLIC_URL ?? `http://localhost:${mediaPort}`,
    MEDIA_INTERNAL_URL: env.MEDIA_INTERNAL_URL ?? `http://127.0.0.1:${mediaPort}`,
    PORTAL_URL: env.PORTAL_URL ?? `http://127.0.0.1:${portalPort}`,
    // Pages that may open signaling: the portal as browsers reach it on this machine.
    MEDIA_CORS_ORIGIN: env.MEDIA_CORS_ORIGIN ?? `http://localhost:${portalPort},http://127.0.0.1:${portalPort}`,
  };
}

export function startPortal({ rootDir, env }) {
  // Our own server around Next's handler (not `next start`): it records the socket's peer address.
  return spawn(process.execPath, [path.join(rootDir, "scripts", "portal-server.mjs"), env.PORT], {
    cwd: path.join(rootDir, "web"),
    // The portal closes PGlite itself on SIGINT/SIGTERM (web/instrumentation.ts), so that the
    // next start does not replay a crash recovery.
    env: { ...env, NEXT_MANUAL_SIG_HANDLE: "1", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: "inherit",
  });
}

/** @param {{ rootDir: any, env: any, netns?: string }} options  `netns`: run it in that network namespace */
export function startMediaNode({ rootDir, env, netns }) {
  // One process, tsx as a loader (not the tsx CLI, which runs the node in a child of its own): a
  // crash of the media node is then the exit the supervisor sees, and nothing survives a SIGKILL
  // of the supervised pid still holding the port.
  const args = ["--import", "tsx", path.join(rootDir, "server", "src", "main.ts")];
  // `npm run demo:network` as root: the node in its own network namespace (`ip netns exec` execs
  // the node in place, so the pid is still the node's).
  return spawn(netns ? "ip" : process.execPath, netns ? ["netns", "exec", netns, process.execPath, ...args] : args, {
    cwd: rootDir,
    // Run outside npm test (e.g. `npx playwright test` by hand): the bootstrap's cached worker.
    env: { MEDIASOUP_WORKER_BIN: mediasoupWorkerCachePath(MEDIASOUP_VERSION, env), ...env },
    stdio: "inherit",
  });
}
