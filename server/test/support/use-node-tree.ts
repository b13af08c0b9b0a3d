import { afterAll, beforeAll } from "vitest";
import { NodeTree, type TreeNodeSpec } from "./node-tree.ts";

/**
 * A NodeTree for the describe that calls this: every node started and linked before its tests,
 * closed (its clients first) after them. Call it before the describe's own hooks: vitest runs
 * afterAll hooks last-registered first, so the file's teardown (cameras, relays) runs before the
 * nodes go, and its beforeAll runs on linked nodes. Set taps on the returned tree right away.
 */
export function useNodeTree(specs: TreeNodeSpec[], env: Record<string, string> = {}, rtcBase?: number): NodeTree {
  const tree = new NodeTree(specs, env, rtcBase);
  beforeAll(async () => {
    if (!process.env.MEDIASOUP_WORKER_BIN) throw new Error("MEDIASOUP_WORKER_BIN is not set: run the tests through `npm test`");
    for (const spec of specs) await tree.startNode(spec.id);
    await tree.linked();
  }, 60_000);
  afterAll(() => tree.close(), 30_000);
  return tree;
}
