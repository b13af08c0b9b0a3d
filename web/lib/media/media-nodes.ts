import { z } from "zod";

/**
 * Issue 11: the media nodes of the network, for placing join tokens. `MEDIA_NODES` is a JSON array
 * of `{ id, unit, url, internalUrl? }` (node id, the id of the unit it serves, its public signaling
 * URL, where the portal reaches its internal API if not there). Unset:
 * one node (`MEDIA_PUBLIC_URL`) and tokens without `node`/`home` claims, exactly as before.
 */
const ZMediaNodes = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
      unit: z.string().min(1).max(100),
      url: z.url(),
      /** Issue 11 §1: the node's SPKI public key. Optional: without it the first key to register holds the id; with it, only this key (and a new one here rotates it). */
      key: z.string().includes("BEGIN PUBLIC KEY").max(1000).optional(),
      /** Where the portal reaches the node's internal API, when not at `url` (e.g. a private address). */
      internalUrl: z.url().optional(),
    }),
  )
  .min(1)
  .max(1000)
  .refine((nodes) => new Set(nodes.map((n) => n.id)).size === nodes.length, { message: "node ids must be unique" })
  .refine((nodes) => new Set(nodes.map((n) => n.unit)).size === nodes.length, { message: "one node per unit" });
export type MediaNodeEntry = z.infer<typeof ZMediaNodes>[number];

let cached: { raw: string | undefined; nodes: MediaNodeEntry[] | null } | undefined;

export function mediaNodes(env: Record<string, string | undefined> = process.env): MediaNodeEntry[] | null {
  const raw = env.MEDIA_NODES?.trim() || undefined;
  if (cached && cached.raw === raw) return cached.nodes;
  let nodes: MediaNodeEntry[] | null = null;
  if (raw) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error("MEDIA_NODES is not JSON: a list of { id, unit, url }");
    }
    const parsed = ZMediaNodes.safeParse(json);
    if (!parsed.success) throw new Error(`MEDIA_NODES: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    nodes = parsed.data;
  }
  cached = { raw, nodes };
  return nodes;
}

/** The node serving a unit: the nearest at or above it (its materialized path is `/root/…/unit/`). */
export function nodeForUnitPath(nodes: readonly MediaNodeEntry[], unitPath: string): MediaNodeEntry | null {
  const ancestry = unitPath.split("/").filter(Boolean).reverse();
  for (const unit of ancestry) {
    const node = nodes.find((n) => n.unit === unit);
    if (node) return node;
  }
  return null;
}

/**
 * Where a bearer connects and where the room lives. Staff connect to their own center's node
 * (`bearerUnitPath`); persons and families, and staff whose unit is not known here, to the node of
 * the room's unit. Null without a network (or when no node serves the room's unit).
 */
export function placeBearer(
  nodes: readonly MediaNodeEntry[] | null,
  roomUnitPath: string,
  bearerUnitPath: string | undefined,
): { node: MediaNodeEntry; home: MediaNodeEntry } | null {
  if (!nodes) return null;
  const home = nodeForUnitPath(nodes, roomUnitPath);
  if (!home) return null;
  const own = bearerUnitPath ? nodeForUnitPath(nodes, bearerUnitPath) : null;
  return { node: own ?? home, home };
}
