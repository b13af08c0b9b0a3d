// On a shared machine other tenants' load starves the worker (and under sched_autogroup, nice
// values do not rank processes across sessions). So a step waits for a quiet machine, and one
// measured while others were busy can be redone.
import { machineCpu } from "./probes.ts";

/** Other tenants using more than this many cores make a window's verdict the machine's, not the SFU's. */
export const CONTENDED_CORES = 0.3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Busy cores of the whole machine over `ms` (between steps, the bench itself is nearly idle). */
async function busyCores(ms: number): Promise<number> {
  const a = machineCpu();
  await sleep(ms);
  const b = machineCpu();
  return ((b.busy - a.busy) / (b.total - a.total || 1)) * b.cores;
}

/** Waits until the machine is quiet for 3 s running, or `maxSeconds` pass; returns the seconds waited. */
export async function waitForQuiet(maxSeconds: number): Promise<number> {
  const start = Date.now();
  while ((Date.now() - start) / 1000 < maxSeconds) {
    if ((await busyCores(3000)) < CONTENDED_CORES) break;
  }
  return (Date.now() - start) / 1000;
}

/**
 * --nice: besides each process's nice value (which ranks threads within one session), the
 * session's autogroup weight, which is what competes with other sessions' load.
 */
export async function boostSession(nice: number): Promise<void> {
  const { writeFile } = await import("node:fs/promises");
  await writeFile("/proc/self/autogroup", String(nice)).catch((error: Error) => console.warn(`could not set the autogroup nice: ${error.message}`));
}
