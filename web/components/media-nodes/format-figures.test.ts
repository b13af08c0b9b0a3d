import { describe, expect, it } from "vitest";
import type { TMediaNodeView } from "@/lib/schemas/media-nodes";
import { childLinks, formatBitrate, linkToParentUp, totalCpu } from "./format-figures.ts";

const link = (neighbor: string, relation: "parent" | "child", up: boolean) => ({ neighbor, relation, up, rooms: 0, streamsOut: 0, streamsIn: 0, sendBitrate: 0, recvBitrate: 0 });
const node = (id: string, health: TMediaNodeView["health"], links: ReturnType<typeof link>[]): TMediaNodeView => ({
  id, unitId: id, unitName: id, unitLevel: 4, parentId: null, health, configured: true, publicUrl: "http://x", internalUrl: null, keyFingerprint: null, keyResetAt: null,
  registeredAt: null, lastHeartbeatAt: null, secondsSinceHeartbeat: null,
  figures: { rooms: 0, peers: 0, workers: [{ pid: 1, cpuPercent: 12.5 }], processCpuPercent: 2, rssBytes: 0, links, recordings: 0 },
});

describe("the node tree's figures", () => {
  it("takes a link's state from the child while it is up, else from its parent, else calls it down", () => {
    const parent = node("gm", "up", [link("hc", "child", false)]);
    expect(linkToParentUp(node("hc", "up", [link("gm", "parent", true)]), parent)).toBe(true);
    // A silent child's last report said up; its parent says the link is down.
    expect(linkToParentUp(node("hc", "down", [link("gm", "parent", true)]), parent)).toBe(false);
    expect(linkToParentUp(node("hc", "down", [link("gm", "parent", true)]), node("gm", "down", [link("hc", "child", true)]))).toBe(false);
  });

  it("formats bitrates, sums CPU and counts child links", () => {
    expect([formatBitrate(800), formatBitrate(850_000), formatBitrate(1_234_567)]).toEqual(["800 b/s", "850 kb/s", "1.2 Mb/s"]);
    expect(totalCpu(node("gm", "up", []))).toBe(15);
    expect(childLinks(node("gm", "up", [link("hc", "child", true), link("yh", "child", false), link("fs", "parent", true)]))).toEqual({ up: 1, total: 2 });
  });
});
