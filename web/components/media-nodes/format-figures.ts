import type { TMediaNodeView } from "@/lib/schemas/media-nodes";

/** Bits per second in the unit a reader expects on a link: b/s, kb/s or Mb/s. */
export function formatBitrate(bps: number): string {
  if (bps >= 1_000_000) return `${(bps / 1_000_000).toFixed(1)} Mb/s`;
  if (bps >= 1000) return `${Math.round(bps / 1000)} kb/s`;
  return `${Math.round(bps)} b/s`;
}

/** The node's CPU in one figure: its media workers and its own process, in % of one core. */
export function totalCpu(node: TMediaNodeView): number {
  const f = node.figures;
  if (!f) return 0;
  return Math.round(f.workers.reduce((sum, w) => sum + w.cpuPercent, f.processCpuPercent));
}

/** The node's own report of the link to its parent, when it has one. */
export function parentLink(node: TMediaNodeView) {
  return node.figures?.links.find((l) => l.relation === "parent") ?? null;
}
