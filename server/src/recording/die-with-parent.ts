import { accessSync, constants } from "node:fs";
import path from "node:path";

let setpriv: string | null | undefined;

/**
 * The command that runs `command args` so it is sent SIGINT when the node dies, however it dies
 * (SIGKILL included): util-linux's `setpriv --pdeathsig` sets the kernel's parent-death signal
 * (prctl PR_SET_PDEATHSIG, which Node cannot set on a child itself) and execs the command in the
 * same process, so the pid, the command line (pid files, writer-pid-files.ts) and the signals the
 * node sends are the writer's own. SIGINT, not SIGKILL: gst-launch -e turns it into end-of-stream
 * and writes the file's duration and index. The signal follows the thread that spawned the child;
 * the node spawns writers from its main thread, which lives as long as the node.
 * Without setpriv (util-linux is essential on Debian; elsewhere it may be missing) the command runs
 * as it is, and the next node start stops what a killed node left (writer-pid-files.ts).
 */
export function dieWithParent(command: string, args: string[]): { command: string; args: string[] } {
  setpriv ??= findOnPath("setpriv");
  return setpriv ? { command: setpriv, args: ["--pdeathsig", "INT", command, ...args] } : { command, args };
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
