import { z } from "zod";

// Issue 11 §1: a media node registers with the portal and sends a heartbeat. One schema for both
// ends: the node builds its reports with these types and the portal parses them with the same
// schemas (web/lib/api/routes.ts). The schemas transform nothing (no defaults, no coercion), so
// the portal's parsed report is, key for key, what the node signed (see `reportDigest`).

export const NODE_REPORT_AUDIENCE = "yangguang-portal";
/** Longest a report's proof is accepted after it was signed. */
export const NODE_PROOF_TTL_SECONDS = 60;

export const ZNodeId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { message: "node ids are 1–64 letters, digits, '.', '_' or '-'" });
const ZHttpUrl = z.url({ protocol: /^https?$/ }).max(500);
const ZInstant = z.iso.datetime({ offset: false });
const ZCount = z.number().int().min(0).max(1_000_000_000);
/** Share of one core, 0–100 per core (a busy worker on one core is 100). */
const ZCpuPercent = z.number().min(0).max(6400);
const ZBitrate = z.number().min(0).max(1e12);

export const ZNodeRegistration = z.strictObject({
  type: z.literal("register"),
  node: ZNodeId,
  /** The unit the node serves (MEDIA_UNIT_ID). */
  unit: z.string().min(1).max(100),
  /** Where browsers connect (signaling). */
  publicUrl: ZHttpUrl,
  /** Where the portal and the child nodes reach it. */
  internalUrl: ZHttpUrl,
  parent: ZNodeId.nullable(),
  /** SPKI PEM of the node's own Ed25519 key (MEDIA_NODE_KEY): the same key that signs its links. */
  publicKey: z.string().min(40).max(1000).includes("BEGIN PUBLIC KEY", { message: "publicKey must be an SPKI PEM public key" }),
  /** A fresh id per process start: heartbeats name it, so a report from an older run is told apart. */
  boot: z.uuid(),
  sentAt: ZInstant,
});
export type NodeRegistration = z.infer<typeof ZNodeRegistration>;

export const ZNodeLinkFigures = z.strictObject({
  neighbor: ZNodeId,
  relation: z.enum(["parent", "child"]),
  up: z.boolean(),
  rooms: ZCount,
  streamsOut: ZCount,
  streamsIn: ZCount,
  sendBitrate: ZBitrate,
  recvBitrate: ZBitrate,
});
export type NodeLinkFigures = z.infer<typeof ZNodeLinkFigures>;

export const ZNodeFigures = z.strictObject({
  rooms: ZCount,
  peers: ZCount,
  /** Each mediasoup worker's CPU over the last interval. */
  workers: z.array(z.strictObject({ pid: z.number().int().min(0).max(4_194_304), cpuPercent: ZCpuPercent })).max(64),
  /** The node's own Node.js process (signaling, links). */
  processCpuPercent: ZCpuPercent,
  rssBytes: z.number().int().min(0).max(1e13),
  links: z.array(ZNodeLinkFigures).max(1000),
  recordings: ZCount,
});
export type NodeFigures = z.infer<typeof ZNodeFigures>;

export const ZNodeHeartbeat = z.strictObject({
  type: z.literal("heartbeat"),
  node: ZNodeId,
  boot: z.uuid(),
  /** 1, 2, 3… within a boot: a replayed or reordered heartbeat is refused. */
  seq: z.number().int().min(1).max(2_000_000_000),
  sentAt: ZInstant,
  figures: ZNodeFigures,
});
export type NodeHeartbeat = z.infer<typeof ZNodeHeartbeat>;

/**
 * What travels: the report in the clear (validated field by field) and its proof, a compact JWS
 * (EdDSA) signed with the node's own key whose claims name the node (`iss`), the portal (`aud`),
 * a short lifetime and the SHA-256 of the report's canonical JSON (`digest`).
 */
export const ZSignedRegistration = z.strictObject({ report: ZNodeRegistration, proof: z.string().min(1).max(2048) });
export const ZSignedHeartbeat = z.strictObject({ report: ZNodeHeartbeat, proof: z.string().min(1).max(2048) });
export type SignedRegistration = z.infer<typeof ZSignedRegistration>;
export type SignedHeartbeat = z.infer<typeof ZSignedHeartbeat>;

/** The portal's answer to a heartbeat it cannot place (unknown node, other boot): register again. */
export const REGISTER_AGAIN = "register_again";

/** JSON with object keys sorted at every depth: the bytes whose hash the proof signs. */
export function canonicalReportJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
