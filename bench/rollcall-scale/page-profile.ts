// Where the page's main thread spends its time (CDP Profiler, sampling): to explain a slow
// console with names of functions rather than guesses.
import type { CDPSession, Page } from "@playwright/test";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export class PageProfiler {
  private constructor(private readonly session: CDPSession) {}

  static async start(page: Page): Promise<PageProfiler> {
    const session = await page.context().newCDPSession(page);
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: 1000 });
    await session.send("Profiler.start");
    return new PageProfiler(session);
  }

  /** Stops; the functions with the most self time, with their share of the profiled time. */
  async stop(top = 15): Promise<Array<{ name: string; ms: number; share: number }>> {
    const { profile } = (await this.session.send("Profiler.stop")) as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    await this.session.detach();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfUs = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)!.callFrame;
      const file = frame.url.split("/").pop() || "";
      const name = `${frame.functionName || "(anonymous)"} ${file}${file ? `:${frame.lineNumber + 1}` : ""}`;
      const dt = profile.timeDeltas[i] ?? 0;
      total += dt;
      selfUs.set(name, (selfUs.get(name) ?? 0) + dt);
    });
    return [...selfUs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / (total || 1) }));
  }
}
