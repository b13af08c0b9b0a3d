import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setWantedLayer } from "../src/network/layer-wants.ts";
import type { Room } from "../src/media/room.ts";
import { frameCounter, sleep, until } from "./support/node-tree.ts";
import { useNodeTree } from "./support/use-node-tree.ts";
import { shapedRelay } from "./support/shaped-relay.ts";
import { SIMULCAST_LAYERS, simulcastCamera } from "./support/simulcast-camera.ts";
import type { TestClient } from "./support/test-client.ts";
import { OBSERVER } from "./support/tree-portal.ts";

// Issue 11, layer-only links: a simulcast camera at 荷城 watched two hops up (佛山) crosses each
// link as the one layer the far viewers want — a regular consumer over an SRTP PlainTransport
// beside the pipe — and the layer follows them (a tile, then a pin). Real workers, three nodes.
const TREE = [{ id: "fs" }, { id: "gm", parent: "fs" }, { id: "hc", parent: "gm" }];
const ROOM = "rollcall-layers-1";
const IN_ROOM = { home: "hc", room: ROOM, kind: "rollcall", as: "person" } as const;
const LINKS = [
  ["gm", "hc"],
  ["fs", "gm"],
] as const; // [upper, lower]: streams go up
const TOTAL_KBPS = SIMULCAST_LAYERS.reduce((n, l) => n + l.kbps, 0);

describe("layer-only links", () => {
  const tree = useNodeTree(TREE, { MEDIA_PIPE_IDLE_SECONDS: "2" }, 53000);
  let camera: Awaited<ReturnType<typeof simulcastCamera>>;
  let inspector: TestClient;
  let consumerId: string;
  // 高明 links toward 荷城 through this relay: RTP from 荷城 to 高明 over the layers transport can
  // be lost, or capped.
  const link = { loss: 0, kbps: 0 };
  const relay = shapedRelay(link);
  tree.taps.set("gm>hc/layers", relay.tap);

  /** Per link, bytes into the upper node: over its layers transport, its pipe, or both. */
  const bytesIn = async (kind: "layers" | "pipe" | "both") =>
    Promise.all(
      LINKS.map(async ([upper, lower]) => {
        const links = tree.get(upper).node.network!.links;
        const transports = [kind !== "pipe" ? links.layersOf(ROOM, lower) : undefined, kind !== "layers" ? links.pipeOf(ROOM, lower) : undefined];
        let bytes = 0;
        for (const t of transports) if (t) bytes += (await t.getStats()).reduce((n, s) => n + ((s as { bytesReceived?: number }).bytesReceived ?? 0), 0);
        return bytes;
      }),
    );
  /** Per link, bytes into the upper node over `ms` as a share of what the camera sent meanwhile (all three layers). */
  const shareOfCamera = async (ms: number, kind: "layers" | "pipe" | "both" = "both") => {
    const before = await bytesIn(kind);
    const sent0 = camera.bytesSent;
    await sleep(ms);
    const after = await bytesIn(kind);
    const sent = camera.bytesSent - sent0;
    return after.map((b, i) => (b - before[i]!) / sent);
  };
  const incomingAt = (room: Room | undefined) => {
    for (const peer of room?.allPeers() ?? []) {
      const entry = peer.producers.get(camera.producer.id);
      if (entry) return entry.producer;
    }
    return undefined;
  };

  beforeAll(async () => {
    await tree.join("hc", { ...IN_ROOM, sub: "person-a", sees: "staff" }, { send: true });
    camera = await simulcastCamera(tree.room("hc", ROOM)!, "person-a");
    inspector = await tree.join("fs", { ...IN_ROOM, ...OBSERVER, sub: "inspector" });
    consumerId = await until("the inspector's consumer", () => [...inspector.consumers.keys()][0], 20_000);
    // As a wall tile does: shown, at the lowest layer.
    await inspector.ok("resumeConsumer", { consumerId });
    await inspector.ok("setConsumerLayers", { consumerId, spatialLayer: 0 });
  }, 60_000);

  afterAll(async () => {
    camera?.stop();
    relay.close();
  }, 30_000);

  it("a tile two hops up costs each link one low layer; a pin raises it, unpinning lowers it", { timeout: 90_000 }, async () => {
    const far = tree.room("fs", ROOM)!;
    await until("the stream at 佛山", () => incomingAt(far), 20_000);
    const counter = await frameCounter(far, camera.producer.id);
    setWantedLayer(counter.consumer, 0); // a viewer of the tile's size, as the inspector
    await sleep(2500); // the first keyframes and the link's estimate settle

    const low = await shareOfCamera(3000);
    const framesLow = counter.completedAt.size;
    await sleep(1000);
    expect(counter.completedAt.size - framesLow).toBeGreaterThan(20); // the tile gets frames (≥ 20 of 30 per second)
    const nominalLow = SIMULCAST_LAYERS[0].kbps / TOTAL_KBPS; // 7 %
    for (const share of low) {
      expect(share).toBeGreaterThan(nominalLow * 0.5);
      expect(share).toBeLessThan(nominalLow * 2); // a whole pipe would be ≈ 100 %
    }
    // 荷城 → 高明 carries it on the layers transport, nothing on the pipe; 高明 has it as a
    // one-encoding stream, which crosses on to 佛山 by the pipe (one layer, whichever way).
    const [firstLinkPipe] = await shareOfCamera(2000, "pipe");
    expect(firstLinkPipe).toBeLessThan(0.01);
    // Each link carries it once.
    for (const [upper, lower] of LINKS) {
      const stats = (await tree.get(lower).node.network!.links.linkStats()).find((s) => s.neighbor === upper);
      expect(stats?.streamsOut).toBe(1);
    }

    // A pin at 佛山: the top layer is wanted; every link on the way carries it (and only it).
    await inspector.ok("setConsumerLayers", { consumerId, spatialLayer: 2 });
    const nominalTop = SIMULCAST_LAYERS[2].kbps / TOTAL_KBPS; // 70 %
    const high = await until("the top layer across both links", async () => {
      const shares = await shareOfCamera(1500);
      return shares.every((s) => s > nominalTop * 0.8) && shares;
    }, 30_000);
    for (const share of high) expect(share).toBeLessThan(0.9); // one layer, not all three
    const framesHigh = counter.completedAt.size;
    await sleep(1000);
    expect(counter.completedAt.size - framesHigh).toBeGreaterThan(20);

    // Unpinned: back to the tile's layer.
    await inspector.ok("setConsumerLayers", { consumerId, spatialLayer: 0 });
    await until("the low layer again", async () => (await shareOfCamera(1500)).every((s) => s < nominalLow * 2) || undefined, 30_000);
    counter.close();
  });

  it("pause and resume follow the stream across both hops; a keyframe request from 佛山 reaches the camera", { timeout: 60_000 }, async () => {
    const far = tree.room("fs", ROOM)!;
    await camera.producer.pause();
    await until("paused at 佛山", () => incomingAt(far)?.paused || undefined);
    await camera.producer.resume();
    await until("resumed at 佛山", () => (incomingAt(far) && !incomingAt(far)!.paused) || undefined);

    const counter = await frameCounter(far, camera.producer.id);
    setWantedLayer(counter.consumer, 0);
    await sleep(1500); // past the per-hop keyframe request delay of the counter's own start
    const asked = camera.keyFramesAsked[0]!;
    await counter.consumer.requestKeyFrame();
    await until("the camera asked for a keyframe of its lowest layer", () => camera.keyFramesAsked[0]! > asked || undefined, 10_000);
    counter.close();
  });

  it("at 5 % loss on the layers link, 佛山 still completes ≥ 95 % of the frames (NACK/RTX across it)", { timeout: 60_000 }, async () => {
    const far = tree.room("fs", ROOM)!;
    const counter = await frameCounter(far, camera.producer.id);
    setWantedLayer(counter.consumer, 0);
    await sleep(1500);
    link.loss = 0.05;
    const dropped0 = relay.counts.dropped;
    const t0 = performance.now();
    const sent0 = camera.framesSent;
    await sleep(8000);
    const sent = camera.framesSent - sent0;
    const t1 = performance.now();
    await sleep(1000); // the last retransmissions
    link.loss = 0;
    // Frames completed at 佛山 that the camera sent in the window (arrival shifted by at most the repair time).
    const completed = [...counter.completedAt.values()].filter((at) => at >= t0 + 100 && at < t1 + 100).length;
    counter.close();
    expect(relay.counts.dropped - dropped0).toBeGreaterThan(5);
    expect(completed / sent).toBeGreaterThanOrEqual(0.95);
  });

  it("a capped link makes the stream step down a layer, and up again when the cap goes", { timeout: 120_000 }, async () => {
    const far = tree.room("fs", ROOM)!;
    const layer = () => tree.get("hc").node.network!.links.layerOver(ROOM, "gm", camera.producer.id);
    const counter = await frameCounter(far, camera.producer.id);
    setWantedLayer(counter.consumer, 0);
    await inspector.ok("setConsumerLayers", { consumerId, spatialLayer: 2 }); // pinned at 佛山
    await until("the top layer across the link", async () => (await layer()) === 2 || undefined, 40_000);

    // 荷城 → 高明 capped below the top layer (1.5 Mbit/s) and above the middle one (0.5 Mbit/s):
    // transport-cc feedback from 高明 brings the estimate down and the consumer at 荷城 steps down.
    link.kbps = 900;
    await until("a lower layer under the cap", async () => ((await layer()) ?? 2) < 2 || undefined, 40_000);
    // Still moving at 佛山: 30 frames within 4 s of the step down. The window includes the wait for
    // the lower layer's keyframe behind the capped queue (a clean-clone CI run saw 10 frames in the
    // first 2 s, then the stream at full rate), so it is not a frame-rate figure.
    const frames0 = counter.completedAt.size;
    await until("frames at 佛山 after the step down", async () => counter.completedAt.size - frames0 > 30 || undefined, 4_000);
    const [capped] = await shareOfCamera(2000);
    expect(capped!).toBeLessThan(900 / TOTAL_KBPS); // within the cap

    // The cap goes: the estimate climbs back and the pin gets the top layer again.
    link.kbps = 0;
    await until("the top layer again", async () => (await layer()) === 2 || undefined, 60_000);
    await inspector.ok("setConsumerLayers", { consumerId, spatialLayer: 0 });
    counter.close();
  });
});
