import os from "node:os";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_SIGNALING_LIMITS, type SignalingLimits } from "./signaling/limits.ts";
import { DEFAULT_WARNING_SECONDS } from "./protocol/room-terms.ts";
import { parseTrustedProxies } from "./net/trusted-proxies.ts";
import { networkConfigOf, ZNetworkEnv, type NetworkConfig } from "./network/network-config.ts";

// The media node's whole configuration: read from the environment once, validated, frozen.

const ZPort = z.coerce.number().int().min(1).max(65535);
// Compose files pass `${VAR:-}`: an empty value means "not set", not "an empty token".
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema);

const ZEnv = z
  .object({
    MEDIA_NODE_ID: z.string().min(1).max(64).default(os.hostname()),
    // 0 picks a free port (tests, benchmarks).
    MEDIA_PORT: z.coerce.number().int().min(0).max(65535).default(4443),
    MEDIA_HTTP_HOST: z.string().default("0.0.0.0"),
    // Loopback by default (the all-in-one machine); a real node listens on 0.0.0.0 and announces its public IP.
    MEDIA_LISTEN_IP: z.ipv4().or(z.ipv6()).default("127.0.0.1"),
    MEDIA_ANNOUNCED_IP: z.string().min(1).optional(),
    MEDIA_RTC_MIN_PORT: ZPort.default(40000),
    MEDIA_RTC_MAX_PORT: ZPort.default(40999),
    MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).default(os.cpus().length),
    MEDIA_ROOM_EMPTY_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    MEDIA_PEER_RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    // Warnings before a timed room's end, seconds left, comma-separated (tests shorten them).
    MEDIA_ROOM_WARNING_SECONDS: z
      .string()
      .regex(/^\s*\d{1,5}(\s*,\s*\d{1,5}){0,4}\s*$/, { message: "MEDIA_ROOM_WARNING_SECONDS: up to 5 whole seconds, comma-separated (e.g. 300,60)" })
      .default(DEFAULT_WARNING_SECONDS.join(",")),
    // Origins whose pages may open signaling (comma-separated; "*" = any). Default: the portal's.
    MEDIA_CORS_ORIGIN: unsetIfEmpty(z.string().min(1).optional()),
    // Bearer token for /metrics (and the detailed /health); unset: /metrics is off.
    METRICS_TOKEN: unsetIfEmpty(z.string().min(16, { message: "METRICS_TOKEN must be at least 16 characters" }).optional()),
    MEDIA_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SIGNALING_LIMITS.requestsPerSecond),
    MEDIA_REQUEST_BURST: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SIGNALING_LIMITS.requestBurst),
    MEDIA_HANDSHAKE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(DEFAULT_SIGNALING_LIMITS.handshakeTimeoutMs / 1000),
    /** Issue 14: transports made before `join` are closed if the socket has not joined within this. */
    MEDIA_PREPARED_TRANSPORT_SECONDS: z.coerce.number().int().min(1).max(3600).default(DEFAULT_SIGNALING_LIMITS.preparedTransportTtlMs / 1000),
    // Reverse proxies (IPs/CIDRs) whose X-Forwarded-For names the client; empty: trust none.
    TRUSTED_PROXIES: z.string().optional(),
    MEDIA_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SIGNALING_LIMITS.maxConnectionsPerAddress),
    JOIN_TOKEN_PUBLIC_KEY: z
      .string({ error: "JOIN_TOKEN_PUBLIC_KEY is not set: npm start passes the portal's key; in production copy it from the portal" })
      .includes("BEGIN PUBLIC KEY", { message: "JOIN_TOKEN_PUBLIC_KEY must be an SPKI PEM public key" }),
    PORTAL_URL: z.url().optional(),
    PORTAL_INTERNAL_SECRET: z.string().min(32).optional(),
    // Where recordings are written (a volume the portal reads too); default: the repository's data/recordings.
    RECORDINGS_DIR: unsetIfEmpty(z.string().min(1).default(fileURLToPath(new URL("../../data/recordings", import.meta.url)))),
    // Free-space floor of the recordings disk: below it no recording starts and running ones end cleanly.
    RECORDING_MIN_FREE_MB: z.coerce.number().int().min(0).max(10_000_000).default(1024),
    RECORDING_STORAGE_CHECK_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
    // Issue 11 §1: what this node tells the portal when it registers (default: its own address and port).
    MEDIA_NODE_PUBLIC_URL: unsetIfEmpty(z.url().optional()),
    MEDIA_NODE_INTERNAL_URL: unsetIfEmpty(z.url().optional()),
    MEDIA_HEARTBEAT_SECONDS: z.coerce.number().min(0.5).max(300).default(5),
    // Issue 14: cap a viewer's spatial layer as soon as its downlink estimate or loss says the wanted
    // layer no longer fits at full frame rate (media/step-down-policy.ts); 0 leaves it to mediasoup.
    MEDIA_EARLY_STEP_DOWN: z.enum(["0", "1"]).default("1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  // The media network (issue 11): unit, parent, children, pipes (network/network-config.ts).
  .and(ZNetworkEnv)
  .refine((e) => e.MEDIA_RTC_MIN_PORT < e.MEDIA_RTC_MAX_PORT, { message: "MEDIA_RTC_MIN_PORT must be below MEDIA_RTC_MAX_PORT", path: ["MEDIA_RTC_MIN_PORT"] })
  .refine((e) => !["0.0.0.0", "::"].includes(e.MEDIA_LISTEN_IP) || e.MEDIA_ANNOUNCED_IP, {
    message: "listening on all interfaces needs MEDIA_ANNOUNCED_IP (the address clients reach)",
    path: ["MEDIA_ANNOUNCED_IP"],
  })
  .refine((e) => !e.PORTAL_URL === !e.PORTAL_INTERNAL_SECRET, { message: "PORTAL_URL and PORTAL_INTERNAL_SECRET go together", path: ["PORTAL_URL"] });

export type MediaConfig = Readonly<{
  nodeId: string;
  port: number;
  httpHost: string;
  listenIp: string;
  announcedIp: string | undefined;
  rtcMinPort: number;
  rtcMaxPort: number;
  workers: number;
  roomEmptyGraceMs: number;
  peerReconnectGraceMs: number;
  /** Seconds before a timed room's end at which its participants are warned, largest first. */
  roomWarningSeconds: readonly number[];
  /** Allowed browser origins; "*" only when configured so. */
  allowedOrigins: readonly string[] | "*";
  /** TRUSTED_PROXIES: only these may name the client in X-Forwarded-For (signaling's per-address limit, logs). */
  trustedProxies: readonly string[];
  metricsToken: string | null;
  limits: SignalingLimits;
  joinTokenPublicKey: string;
  portal: Readonly<{ url: string; secret: string }> | null;
  recording: Readonly<{ dir: string; minFreeBytes: number; checkIntervalMs: number }>;
  logLevel: string;
  /** MEDIA_EARLY_STEP_DOWN: the node lowers a viewer's spatial layer early on a constrained downlink. */
  earlyStepDown: boolean;
  /** Issue 11: this node's place in the tree of media nodes (no parent, no children: a lone node). */
  network: NetworkConfig;
  /** Issue 11 §1: registration and heartbeat to the portal (needs PORTAL_URL, MEDIA_UNIT_ID, MEDIA_NODE_KEY). */
  registry: Readonly<{ publicUrl: string | null; internalUrl: string | null; heartbeatMs: number }>;
}>;

export function loadMediaConfig(env: Record<string, string | undefined> = process.env): MediaConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid media node configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const e = parsed.data;
  let trustedProxies: string[];
  try {
    trustedProxies = parseTrustedProxies(e.TRUSTED_PROXIES);
  } catch (error) {
    throw new Error(`Invalid media node configuration:\n  ${(error as Error).message}`);
  }
  return Object.freeze({
    nodeId: e.MEDIA_NODE_ID,
    port: e.MEDIA_PORT,
    httpHost: e.MEDIA_HTTP_HOST,
    listenIp: e.MEDIA_LISTEN_IP,
    announcedIp: e.MEDIA_ANNOUNCED_IP,
    rtcMinPort: e.MEDIA_RTC_MIN_PORT,
    rtcMaxPort: e.MEDIA_RTC_MAX_PORT,
    workers: e.MEDIA_WORKERS,
    roomEmptyGraceMs: e.MEDIA_ROOM_EMPTY_GRACE_SECONDS * 1000,
    peerReconnectGraceMs: e.MEDIA_PEER_RECONNECT_GRACE_SECONDS * 1000,
    roomWarningSeconds: Object.freeze([...new Set(e.MEDIA_ROOM_WARNING_SECONDS.split(",").map(Number))].filter((n) => n > 0).sort((a, b) => b - a)),
    allowedOrigins: allowedOrigins(e.MEDIA_CORS_ORIGIN, e.PORTAL_URL),
    trustedProxies: Object.freeze(trustedProxies),
    metricsToken: e.METRICS_TOKEN ?? null,
    limits: Object.freeze({
      ...DEFAULT_SIGNALING_LIMITS,
      requestsPerSecond: e.MEDIA_REQUESTS_PER_SECOND,
      requestBurst: e.MEDIA_REQUEST_BURST,
      maxQueued: Math.max(DEFAULT_SIGNALING_LIMITS.maxQueued, e.MEDIA_REQUEST_BURST),
      maxConnectionsPerAddress: e.MEDIA_MAX_CONNECTIONS_PER_ADDRESS,
      handshakeTimeoutMs: e.MEDIA_HANDSHAKE_TIMEOUT_SECONDS * 1000,
      preparedTransportTtlMs: e.MEDIA_PREPARED_TRANSPORT_SECONDS * 1000,
    }),
    joinTokenPublicKey: e.JOIN_TOKEN_PUBLIC_KEY,
    portal: e.PORTAL_URL && e.PORTAL_INTERNAL_SECRET ? Object.freeze({ url: e.PORTAL_URL, secret: e.PORTAL_INTERNAL_SECRET }) : null,
    recording: Object.freeze({
      dir: e.RECORDINGS_DIR,
      minFreeBytes: e.RECORDING_MIN_FREE_MB * 1024 * 1024,
      checkIntervalMs: Math.round(e.RECORDING_STORAGE_CHECK_SECONDS * 1000),
    }),
    logLevel: e.LOG_LEVEL,
    earlyStepDown: e.MEDIA_EARLY_STEP_DOWN === "1",
    network: networkConfigOf(e, e.MEDIA_LISTEN_IP, e.MEDIA_ANNOUNCED_IP),
    registry: Object.freeze({
      publicUrl: e.MEDIA_NODE_PUBLIC_URL ?? null,
      internalUrl: e.MEDIA_NODE_INTERNAL_URL ?? null,
      heartbeatMs: Math.round(e.MEDIA_HEARTBEAT_SECONDS * 1000),
    }),
  });
}

function allowedOrigins(configured: string | undefined, portalUrl: string | undefined): readonly string[] | "*" {
  if (configured?.trim() === "*") return "*";
  if (configured) return Object.freeze(configured.split(",").map((origin) => origin.trim()).filter(Boolean));
  return Object.freeze(portalUrl ? [new URL(portalUrl).origin] : []);
}
