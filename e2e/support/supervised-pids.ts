/**
 * Follows the supervisor's "[supervise] <service> started (pid N)" lines (scripts/lib/supervise.mjs):
 * each service's current pid, so that a spec can kill one as a crash and wait for its restart.
 * `output` is everything the supervisor printed so far, quoted when a restart does not come.
 */
export function supervisedPids(output: () => string) {
  const pids = new Map<string, number>();
  const waiters = new Set<() => void>();
  return {
    /** Feeds one chunk of the supervisor's output. */
    read(text: string) {
      for (const match of text.matchAll(/\[supervise\] (portal|media node(?: [a-z0-9]+)?) started \(pid (\d+)\)/g)) {
        pids.set(match[1]!, Number(match[2]));
        for (const wake of waiters) wake();
      }
    },
    pid(name: string): number {
      const pid = pids.get(name);
      if (!pid) throw new Error(`no ${name} pid in the supervisor's output`);
      return pid;
    },
    /** Waits until the supervisor has started `name` again (a pid other than `previous`). */
    restarted(name: string, previous: number, timeoutMs = 60_000): Promise<number> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const now = pids.get(name);
          if (now && now !== previous) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(now);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name} was not restarted within ${timeoutMs / 1000} s\n${output().slice(-3000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
