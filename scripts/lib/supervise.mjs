// Keeps the portal and the media node running under `npm start` (and the e2e stack): a child that
// dies on its own is started again after a backoff, while the others keep serving. The media node
// keeps calls going while the portal restarts (it queues its reports); pages reconnect to a
// restarted media node by themselves (socket.io backoff, then a rejoin with their token).

/** Backoff before the n-th restart in a row: 1 s, 2 s, 4 s … capped at 30 s. */
export function restartDelayMs(failuresInARow) {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failuresInARow - 1));
}

// A child that stayed up this long counts as healthy again: the next crash restarts it after 1 s.
const STABLE_AFTER_MS = 60_000;

/**
 * @param {Array<{ name: string, start: (ready?: any) => import("node:child_process").ChildProcess, after?: Promise<any> }>} services
 *   `after`: the service is first started once this resolves, with its value (the media node
 *   waits for its worker build while the portal already serves).
 * @param {{ log?: (line: string) => void }} [options]
 * Ctrl-C / SIGTERM stop every child (each closes cleanly; ten seconds, then SIGKILL) and exit.
 */
export function supervise(services, { log = (line) => console.log(line) } = {}) {
  let stopping = false;
  let exitCode = 0;
  const running = new Map();
  const timers = new Set();

  const ready = new Map();
  const launch = (service, failures) => {
    const child = service.start(ready.get(service.name));
    const startedAt = Date.now();
    running.set(service.name, child);
    // Tests (and operators) find each child's pid here.
    log(`[supervise] ${service.name} started (pid ${child.pid})`);
    child.on("exit", (code, signal) => {
      running.delete(service.name);
      if (stopping) {
        if (running.size === 0) process.exit(exitCode);
        return;
      }
      const inARow = Date.now() - startedAt > STABLE_AFTER_MS ? 1 : failures + 1;
      const delay = restartDelayMs(inARow);
      log(`[supervise] ${service.name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) launch(service, inARow);
      }, delay);
      timers.add(timer);
    });
  };

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const timer of timers) clearTimeout(timer);
    if (running.size === 0) process.exit(exitCode);
    for (const child of running.values()) child.kill(signal);
    setTimeout(() => {
      for (const child of running.values()) child.kill("SIGKILL");
    }, 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  for (const service of services) {
    if (!service.after) {
      launch(service, 0);
      continue;
    }
    log(`[supervise] ${service.name} starts once what it needs is ready`);
    service.after.then(
      (value) => {
        ready.set(service.name, value);
        if (!stopping) launch(service, 0);
      },
      (error) => {
        log(`[supervise] ${service.name} cannot start: ${error?.message ?? error}; stopping`);
        exitCode = 1;
        stop("SIGTERM");
      },
    );
  }
}
