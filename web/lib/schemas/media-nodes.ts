import { z } from "zod";
import { ZNodeFigures, ZNodeId, ZSignedHeartbeat, ZSignedRegistration } from "../../../server/src/protocol/node-registry.ts";

// Issue 11 §1: the node's reports are the media node's own schemas (server/src/protocol/node-registry.ts),
// named here for the OpenAPI document; the admin's node tree is the portal's.

export const ZNodeRegistrationBody = ZSignedRegistration.meta({ id: "MediaNodeRegistration" });
export const ZNodeHeartbeatBody = ZSignedHeartbeat.meta({ id: "MediaNodeHeartbeat" });

export const ZNodeRegistrationResult = z.object({ outcome: z.enum(["registered", "re-registered", "key_changed", "unchanged"]) });
export const ZNodeHeartbeatResult = z.object({ accepted: z.literal(true) });

export const ZMediaNodeView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitLevel: z.number().int(),
  /** As the node reported it; null at the top of what the admin may see. */
  parentId: z.string().nullable(),
  /** up: a heartbeat within downAfterSeconds; down: none since; never: listed in MEDIA_NODES, never registered. */
  health: z.enum(["up", "down", "never"]),
  /** Listed in MEDIA_NODES (always true when the portal has no MEDIA_NODES). */
  configured: z.boolean(),
  publicUrl: z.string(),
  internalUrl: z.string().nullable(),
  /** Null for a node that never registered without a listed key, or whose key was reset since. */
  keyFingerprint: z.string().nullable(),
  /** When an admin last reset the node's key (the node registers again with a new one). */
  keyResetAt: z.string().nullable(),
  registeredAt: z.string().nullable(),
  lastHeartbeatAt: z.string().nullable(),
  secondsSinceHeartbeat: z.number().int().nullable(),
  figures: ZNodeFigures.nullable(),
});

export const ZMediaNodeTree = z
  .object({
    generatedAt: z.string(),
    downAfterSeconds: z.number(),
    networkConfigured: z.boolean(),
    nodes: z.array(ZMediaNodeView),
  })
  .meta({ id: "MediaNodeTree" });

export type TMediaNodeView = z.infer<typeof ZMediaNodeView>;
export type TMediaNodeTree = z.infer<typeof ZMediaNodeTree>;

export const ZMediaNodeParams = z.strictObject({ id: ZNodeId });
/** The fingerprint of the key the admin saw: a key that changed since is not reset by mistake. */
export const ZResetNodeKeyBody = z.strictObject({ key: z.string().regex(/^[0-9a-f]{16}$/, { message: "a key fingerprint: 16 hexadecimal digits" }) });
export const ZResetNodeKeyResult = z.object({ id: z.string(), retiredKey: z.string(), keyResetAt: z.string() });
