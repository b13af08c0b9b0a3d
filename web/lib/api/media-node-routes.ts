import { defineRoute } from "../http/route-def.ts";
import {
  ZMediaNodeParams,
  ZMediaNodeTree,
  ZNodeHeartbeatBody,
  ZNodeHeartbeatResult,
  ZNodeRegistrationBody,
  ZNodeRegistrationResult,
  ZResetNodeKeyBody,
  ZResetNodeKeyResult,
} from "../schemas/media-nodes.ts";

// Issue 11 §1: media nodes register and send heartbeats; admins read the node tree.

export const mediaNodeRoutes = {
  registerMediaNode: defineRoute({
    method: "POST",
    path: "/api/internal/media-nodes/register",
    operationId: "registerMediaNode",
    summary: "Media node → portal at start: node id, unit, URLs, parent and its Ed25519 public key, signed with that key (bearer PORTAL_INTERNAL_SECRET)",
    tag: "internal",
    auth: "internal",
    body: ZNodeRegistrationBody,
    response: ZNodeRegistrationResult,
  }),
  mediaNodeHeartbeat: defineRoute({
    method: "POST",
    path: "/api/internal/media-nodes/heartbeat",
    operationId: "mediaNodeHeartbeat",
    summary: "Media node → portal every few seconds: rooms, peers, CPU, links, recordings, signed with the node's key (bearer PORTAL_INTERNAL_SECRET)",
    tag: "internal",
    auth: "internal",
    body: ZNodeHeartbeatBody,
    response: ZNodeHeartbeatResult,
  }),
  listMediaNodes: defineRoute({
    method: "GET",
    path: "/api/v1/media-nodes",
    operationId: "listMediaNodes",
    summary: "Admins: the media nodes of your subtree as a tree, with health (up / down / never registered) and their last figures",
    tag: "admin",
    auth: "session",
    response: ZMediaNodeTree,
  }),
  resetMediaNodeKey: defineRoute({
    method: "POST",
    path: "/api/v1/media-nodes/{id}/reset-key",
    operationId: "resetMediaNodeKey",
    summary: "Admins: retire a node's key (refused from then on); the node registers again with a new key (audited)",
    tag: "admin",
    auth: "session",
    params: ZMediaNodeParams,
    body: ZResetNodeKeyBody,
    response: ZResetNodeKeyResult,
  }),
} as const;
