import { ZNodeFigures, type NodeFigures } from "../../../server/src/protocol/node-registry.ts";
import type { Actor } from "../auth/actor.ts";
import { subtreeFilter } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { mediaNodes, nodeForUnitPath } from "../media/media-nodes.ts";
import type { TMediaNodeTree } from "../schemas/media-nodes.ts";
import { nodeDownAfterSeconds, nodeHealth } from "./node-health.ts";
import { keyFingerprint } from "./node-keys.ts";
import { NO_KEY } from "./reset-node-key.ts";
import { assertMayViewNodes } from "./rules.ts";

/**
 * The node tree an admin sees (issue 11 §1): every node registered for a unit of their subtree,
 * with its health and last figures, and every node MEDIA_NODES lists there that never registered.
 * Parents are as the nodes reported them; a node that never registered hangs under the node of
 * the nearest unit above its own. A parent outside the admin's subtree is not named.
 */
export async function listMediaNodes(actor: Actor, env: Record<string, string | undefined> = process.env): Promise<TMediaNodeTree> {
  assertMayViewNodes(actor);
  const db = await getDb();
  const now = new Date();
  const downAfterSeconds = nodeDownAfterSeconds(env);
  const configured = mediaNodes(env);
  const registered = await db.mediaNode.findMany({
    where: { unit: subtreeFilter(actor) },
    include: { unit: { select: { name: true, level: true, path: true } } },
    orderBy: { id: "asc" },
  });
  const seen = new Set(registered.map((n) => n.id));
  const missing = (configured ?? []).filter((n) => !seen.has(n.id));
  const missingUnits = await db.unit.findMany({ where: { id: { in: missing.map((n) => n.unit) }, ...subtreeFilter(actor) }, select: { id: true, name: true, level: true, path: true } });
  const unitOf = new Map(missingUnits.map((u) => [u.id, u]));

  const nodes: TMediaNodeTree["nodes"] = registered.map((n) => {
    const figures = ZNodeFigures.safeParse(n.figures);
    const last = n.lastHeartbeatAt ?? null;
    return {
      id: n.id,
      unitId: n.unitId,
      unitName: n.unit.name,
      unitLevel: n.unit.level,
      parentId: n.parentId,
      health: nodeHealth(n, now, downAfterSeconds),
      configured: configured ? configured.some((c) => c.id === n.id) : true,
      publicUrl: n.publicUrl,
      internalUrl: n.internalUrl,
      keyFingerprint: n.publicKey === NO_KEY ? null : keyFingerprint(n.publicKey),
      keyResetAt: n.keyResetAt?.toISOString() ?? null,
      registeredAt: n.registeredAt.toISOString(),
      lastHeartbeatAt: last?.toISOString() ?? null,
      secondsSinceHeartbeat: last ? Math.max(0, Math.round((now.getTime() - last.getTime()) / 1000)) : null,
      figures: figures.success ? (figures.data as NodeFigures) : null,
    };
  });
  for (const c of missing) {
    const unit = unitOf.get(c.unit);
    if (!unit) continue;
    const above = unit.path.split("/").filter(Boolean).slice(0, -1).join("/");
    const parent = above ? nodeForUnitPath(configured!, `/${above}/`) : null;
    nodes.push({
      id: c.id,
      unitId: unit.id,
      unitName: unit.name,
      unitLevel: unit.level,
      parentId: parent?.id ?? null,
      health: "never",
      configured: true,
      publicUrl: c.url,
      internalUrl: null,
      keyFingerprint: c.key ? keyFingerprint(c.key) : null,
      keyResetAt: null,
      registeredAt: null,
      lastHeartbeatAt: null,
      secondsSinceHeartbeat: null,
      figures: null,
    });
  }
  // Parents the admin may not see are not named: the node is a root of their view.
  const visible = new Set(nodes.map((n) => n.id));
  for (const n of nodes) if (n.parentId && !visible.has(n.parentId)) n.parentId = null;
  return { generatedAt: now.toISOString(), downAfterSeconds, networkConfigured: configured !== null, nodes };
}
