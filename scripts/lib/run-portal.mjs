import { spawn } from "node:child_process";
import path from "node:path";

/** Migrates and seeds the database, then runs `next start`; resolves with the portal process. */
export async function runPortal({ rootDir, env, port }) {
  await new Promise((resolve, reject) => {
    const setup = spawn(path.join(rootDir, "node_modules", ".bin", "tsx"), [path.join(rootDir, "scripts", "db-setup.ts")], {
      cwd: rootDir,
      env,
      stdio: "inherit",
    });
    setup.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`database setup failed (exit ${code})`))));
  });
  return spawn(path.join(rootDir, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    cwd: path.join(rootDir, "web"),
    // The portal closes PGlite itself on SIGINT/SIGTERM (web/instrumentation.ts), so that the
    // next start does not replay a crash recovery.
    env: { ...env, NEXT_MANUAL_SIG_HANDLE: "1", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: "inherit",
  });
}

/** Forwards Ctrl-C / SIGTERM to the child, and gives it ten seconds to close cleanly. */
export function stopWithParent(child) {
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
}
