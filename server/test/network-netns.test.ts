import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { nominalRate } from "../../bench/sfu/vp8-stream.ts";
import { NetnsTree, netnsUsable } from "./support/netns-tree.ts";
import { sleep, until } from "./support/node-tree.ts";
import { OBSERVER } from "./support/tree-portal.ts";

// Issue 11 §2/§5: three real media nodes (佛山 ← 高明 ← 荷城), each its own process in its own
// network namespace, linked by veth pairs as `npm run demo:network` links them as root; a link is
// cut and capped in the kernel (ip link down, tc tbf), not simulated. Needs root (CI runs as root).
const CHAIN = ["tfs", "tgm", "thc"];
const ROOM = "rollcall-thc-1";
const IN_ROOM = { home: "thc", room: ROOM, kind: "rollcall", as: "person" } as const;

type Frames = { frames: number; longestGapMs: number; bytes: number };

describe.skipIf(!netnsUsable())("a link of the tree cut and capped in the kernel (network namespaces)", () => {
  const tree = new NetnsTree(CHAIN);
  let producerId: string;

  const observer = (node: string, i: number) => tree.join(node, { ...IN_ROOM, ...OBSERVER, sub: `inspector-${i}` });
  const piped = (node: string, timeoutMs = 15_000) =>
    until(`the camera piped to ${node}`, () => tree.call<boolean>(node, "hasProducer", { room: ROOM, producer: producerId }), timeoutMs);
  /** Frames completed at `node` over the next `ms`, counted inside that node on its own router. */
  const framesOver = async (node: string, ms: number): Promise<Frames> => {
    const { counter } = await tree.call<{ counter: string }>(node, "count", { room: ROOM, producer: producerId });
    const since = await tree.call<number>(node, "now");
    await sleep(ms);
    const frames = await tree.call<Frames>(node, "frames", { counter, since });
    await tree.call(node, "closeCounter", { counter });
    return frames;
  };

  beforeAll(async () => {
    if (!process.env.MEDIASOUP_WORKER_BIN) throw new Error("MEDIASOUP_WORKER_BIN is not set: run the tests through `npm test`");
    // Links declared down after 2 s of silence (5 s by default): the same rule, a shorter wait.
    await tree.start({ MEDIA_LINK_DOWN_SECONDS: "2", MEDIA_PIPE_IDLE_SECONDS: "30" });
    await tree.join("thc", { ...IN_ROOM, sub: "person-a", sees: "staff" }, { send: true });
    ({ producerId } = await tree.call<{ producerId: string }>("thc", "camera", { room: ROOM, peer: "person-a" }));
    // Someone watches at each level above the home: the county's viewer is the subtree below the cut.
    await observer("tgm", 0);
    await observer("tfs", 1);
    await piped("tfs", 20_000);
  }, 90_000);

  afterAll(async () => {
    await tree.close();
  }, 30_000);

  it("cut above 高明: 荷城 and 高明 carry on without a freeze; 佛山 gets video again after the restore", { timeout: 90_000 }, async () => {
    expect((await framesOver("tfs", 2000)).frames).toBeGreaterThan(40); // 30 fps before the cut
    const { counter } = await tree.call<{ counter: string }>("tgm", "count", { room: ROOM, producer: producerId });
    const local = await tree.call<{ counter: string }>("thc", "count", { room: ROOM, producer: producerId });
    await sleep(1000); // both counters past their first keyframe
    const before = await tree.call<Frames>("tgm", "frames", { counter, since: await tree.call<number>("tgm", "now") - 900 });
    expect(before.frames).toBeGreaterThan(15);
    const cutAt = { tgm: await tree.call<number>("tgm", "now"), thc: await tree.call<number>("thc", "now") };
    tree.cut("tgm");
    let restored = false;
    onTestFinished(() => {
      if (!restored) tree.cut("tgm", true);
    });
    await until("高明 declares its parent link down", async () => !(await tree.call<boolean>("tgm", "linkUp", { neighbor: "tfs" })) || undefined, 15_000);
    await sleep(2000);
    // Below the cut nothing froze: the home and the county kept completing frames at 30 fps.
    const county = await tree.call<Frames>("tgm", "frames", { counter, since: cutAt.tgm });
    const home = await tree.call<{ sent: number; completed: number }>("thc", "delivered", { counter: local.counter, producer: producerId, since: cutAt.thc, until: (await tree.call<number>("thc", "now")) - 500 });
    expect(home.sent).toBeGreaterThan(60);
    expect(home.completed / home.sent).toBeGreaterThan(0.95);
    expect(county.longestGapMs).toBeLessThan(1000);
    expect(county.frames).toBeGreaterThan(home.sent * 0.9);
    // Above it, 佛山 let go of the stream it can no longer get (its viewer stays connected there).
    await until("the stream gone at 佛山", async () => !(await tree.call<boolean>("tfs", "hasProducer", { room: ROOM, producer: producerId })) || undefined, 10_000);

    tree.cut("tgm", true);
    restored = true;
    const restoredAt = Date.now();
    await until("the link back up", async () => (await tree.call<boolean>("tgm", "linkUp", { neighbor: "tfs" })) || undefined, 30_000);
    await piped("tfs", 30_000);
    await until("frames at 佛山 again", async () => (await framesOver("tfs", 1000)).frames > 20 || undefined, 30_000);
    const recoveredSeconds = (Date.now() - restoredAt) / 1000;
    expect(recoveredSeconds).toBeLessThan(30);
    for (const [node, c] of [["tgm", counter], ["thc", local.counter]] as const) await tree.call(node, "closeCounter", { counter: c });
  });

  it("capped above 荷城 to less than two copies of the stream: ten viewers up there see it whole (it crosses once)", { timeout: 90_000 }, async () => {
    // One copy ≈ nominalRate() (430 kbit/s with headers); the cap lets one through, never two.
    const oneCopy = nominalRate().bps;
    const cap = Math.round((oneCopy * 1.6) / 1000);
    expect(cap * 1000).toBeLessThan(2 * oneCopy);
    tree.cap("thc", `${cap}kbit`);
    try {
      for (let i = 2; i <= 11; i++) await observer(i % 2 ? "tfs" : "tgm", i);
      await piped("tfs");
      await sleep(1500);
      const { counter } = await tree.call<{ counter: string }>("tfs", "count", { room: ROOM, producer: producerId });
      const since = await tree.call<number>("tfs", "now");
      await sleep(6000);
      const top = await tree.call<Frames>("tfs", "frames", { counter, since });
      await tree.call("tfs", "closeCounter", { counter });
      // ≥ 95 % of 30 fps over 6 s, and the picture never stopped for a second.
      expect(top.frames).toBeGreaterThan(0.95 * 6 * 30 * 0.9);
      expect(top.longestGapMs).toBeLessThan(1000);
      // What crossed the capped link was at most the cap (one copy), as the kernel let it.
      expect((top.bytes * 8) / 6).toBeLessThan(cap * 1000);
    } finally {
      tree.cap("thc", null);
    }
  });
});
