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

/**
 * Whether the link between a node and its parent is up, by whoever is alive to say: the child's
 * own last report while it is up, else the parent's report of its link to the child (a silent
 * child's last report is stale), else down.
 */
export function linkToParentUp(child: TMediaNodeView, parent: TMediaNodeView | undefined): boolean {
  if (child.health === "up") return Boolean(parentLink(child)?.up);
  if (parent?.health === "up") return Boolean(parent.figures?.links.find((l) => l.neighbor === child.id)?.up);
  return false;
}

/** Links to children reported by the node: how many, and how many up. */
export function childLinks(node: TMediaNodeView): { up: number; total: number } {
  const links = node.figures?.links.filter((l) => l.relation === "child") ?? [];
  return { up: links.filter((l) => l.up).length, total: links.length };
}
