import { z } from "zod";

// When a node counts as down: no heartbeat for MEDIA_NODE_DOWN_SECONDS (default 15 s, three
// missed heartbeats at the node's default 5 s).
const ZDownSeconds = z.coerce.number().min(1).max(3600).default(15);

export function nodeDownAfterSeconds(env: Record<string, string | undefined> = process.env): number {
  const parsed = ZDownSeconds.safeParse(env.MEDIA_NODE_DOWN_SECONDS?.trim() || undefined);
  if (!parsed.success) throw new Error(`MEDIA_NODE_DOWN_SECONDS: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

export type NodeHealth = "up" | "down" | "never";

/** A registered node is up while its last sign of life (heartbeat, else registration) is recent. */
export function nodeHealth(node: { lastHeartbeatAt: Date | null; registeredAt: Date } | null, now: Date, downAfterSeconds: number): NodeHealth {
  if (!node) return "never";
  const last = node.lastHeartbeatAt ?? node.registeredAt;
  return now.getTime() - last.getTime() <= downAfterSeconds * 1000 ? "up" : "down";
}
