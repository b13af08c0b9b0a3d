// One media node inside its own network namespace (started by netns-tree.ts through `ip netns
// exec`), with a test's hands inside it over the IPC channel: a synthetic camera for a joined peer,
// and frame counters on the node's own router. Everything else is the real node (main.ts's start).
import { loadMediaConfig } from "../../src/config.ts";
import { MediaNode } from "../../src/media-node.ts";
import { createLogger } from "../../src/observability/logger.ts";
import { frameCounter, syntheticCamera } from "./node-tree.ts";

type Request = { id: number; op: string; args: Record<string, string> };

const config = loadMediaConfig();
const node = await MediaNode.start(config, createLogger(config.logLevel, config.nodeId));
const cameras = new Map<string, Awaited<ReturnType<typeof syntheticCamera>>>();
const counters = new Map<string, Awaited<ReturnType<typeof frameCounter>>>();
let nextCounter = 0;

const room = (id: string) => {
  const r = node.rooms.get(id);
  if (!r) throw new Error(`no room ${id} on ${config.nodeId}`);
  return r;
};

const ops: Record<string, (args: Record<string, string>) => Promise<unknown> | unknown> = {
  async camera({ room: roomId, peer }) {
    const camera = await syntheticCamera(room(roomId!), peer!);
    cameras.set(camera.producer.id, camera);
    return { producerId: camera.producer.id };
  },
  /** Whether the producer (local or piped) is on this node's room now. */
  hasProducer({ room: roomId, producer }) {
    const r = node.rooms.get(roomId!);
    return Boolean(r && [...r.allPeers()].some((p) => p.producers.has(producer!)));
  },
  async count({ room: roomId, producer }) {
    const id = String(nextCounter++);
    counters.set(id, await frameCounter(room(roomId!), producer!));
    return { counter: id };
  },
  /** Completed frames since `since` (performance.now of this process): their count and the longest
   * gap, counting from `since` and up to now (a picture that stopped is one long gap). */
  frames({ counter, since }) {
    const c = counters.get(counter!)!;
    const times = [Number(since), ...[...c.completedAt.values()].filter((t) => t >= Number(since)).sort((a, b) => a - b), performance.now()];
    const gap = Math.max(...times.slice(1).map((t, i) => t - times[i]!));
    return { frames: times.length - 2, longestGapMs: gap, bytes: c.bytes };
  },
  /** Frames the camera sent since `since`, and how many of them the counter completed. */
  delivered({ counter, producer, since, until }) {
    const c = counters.get(counter!)!;
    const sent = [...cameras.get(producer!)!.sentAt].filter(([, at]) => at >= Number(since) && at < Number(until)).map(([ts]) => ts);
    return { sent: sent.length, completed: sent.filter((ts) => c.completedAt.has(ts)).length };
  },
  closeCounter({ counter }) {
    counters.get(counter!)?.close();
    counters.delete(counter!);
    return {};
  },
  now() {
    return performance.now();
  },
  linkUp({ neighbor }) {
    return Boolean(node.network?.tree.neighbor(neighbor!));
  },
};

process.on("message", async (message: Request) => {
  try {
    const result = await ops[message.op]!(message.args);
    process.send!({ id: message.id, ok: true, result });
  } catch (error) {
    process.send!({ id: message.id, ok: false, error: (error as Error).message });
  }
});
process.once("SIGTERM", () => {
  for (const c of cameras.values()) c.stop();
  for (const c of counters.values()) c.close();
  void node.close().finally(() => process.exit(0));
});
process.send!({ ready: true, port: node.port });
