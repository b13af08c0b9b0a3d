// CPU and memory of Chromium's processes, by process type, read from the browser (CDP
// SystemInfo.getProcessInfo: pid, type and cumulative CPU seconds) and from /proc (PSS: a shared
// page counts a share per process, so the sum over processes is what the browser really holds).
import { readFileSync, readdirSync } from "node:fs";

// USER_HZ: /proc reports CPU time in these ticks (100 on Linux x86-64).
const CLOCK_TICKS = 100;
import type { Browser, CDPSession, Page } from "@playwright/test";

export interface ChromiumProcess {
  pid: number;
  type: string;
  cpuSeconds: number;
}

export class ChromiumUsage {
  private constructor(private readonly session: CDPSession) {}

  static async attach(browser: Browser): Promise<ChromiumUsage> {
    return new ChromiumUsage(await browser.newBrowserCDPSession());
  }

  async processes(): Promise<ChromiumProcess[]> {
    const { processInfo } = (await this.session.send("SystemInfo.getProcessInfo")) as {
      processInfo: Array<{ id: number; type: string; cpuTime: number }>;
    };
    return processInfo.map((p) => ({ pid: p.id, type: p.type, cpuSeconds: p.cpuTime }));
  }
}

/**
 * CPU seconds per thread name of the given processes (/proc/<pid>/task/<tid>/stat, utime +
 * stime): which part of Chromium works (CrRendererMain, the video decoder threads, the
 * compositor...). Real CPU time, unlike CDP's TaskDuration, which is wall time and grows when
 * the machine is contended.
 */
export function threadCpuSeconds(pids: number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/\d+$/, "#");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
        out.set(name, (out.get(name) ?? 0) + seconds);
      } catch {
        // the thread ended
      }
    }
  }
  return out;
}

/** Threads' CPU between two readings, in cores, busiest first. */
export function threadCores(before: Map<string, number>, after: Map<string, number>, seconds: number): Array<{ name: string; cores: number }> {
  return [...after]
    .map(([name, s]) => ({ name, cores: (s - (before.get(name) ?? 0)) / seconds }))
    .filter((t) => t.cores > 0.005)
    .sort((a, b) => b.cores - a.cores);
}

/** Proportional set size of a process in MiB (0 if it is gone). */
export function pssMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("Pss:"));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU used between two readings, in cores (1 = one core busy all the time), summed by process type. */
export function cpuByType(before: ChromiumProcess[], after: ChromiumProcess[], seconds: number): Record<string, number> {
  const start = new Map(before.map((p) => [p.pid, p.cpuSeconds]));
  const out: Record<string, number> = {};
  for (const p of after) out[p.type] = (out[p.type] ?? 0) + (p.cpuSeconds - (start.get(p.pid) ?? 0)) / seconds;
  return out;
}

/** The page's main thread (CDP Performance: TaskDuration, cumulative seconds its tasks ran), JS heap and DOM size. */
export class PageMetrics {
  private constructor(private readonly session: CDPSession) {}

  static async attach(page: Page): Promise<PageMetrics> {
    const session = await page.context().newCDPSession(page);
    await session.send("Performance.enable");
    return new PageMetrics(session);
  }

  async read(): Promise<{ taskSeconds: number; jsHeapUsedMiB: number; jsHeapTotalMiB: number; nodes: number }> {
    const { metrics } = (await this.session.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> };
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { taskSeconds: get("TaskDuration"), jsHeapUsedMiB: get("JSHeapUsedSize") / 2 ** 20, jsHeapTotalMiB: get("JSHeapTotalSize") / 2 ** 20, nodes: get("Nodes") };
  }
}
