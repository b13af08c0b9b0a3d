import path from "node:path";
import { z } from "zod";
import { parseBasemap, type BasemapConfig } from "./basemap/basemap-config.ts";
import { DEFAULT_FACE_THRESHOLDS, type FaceThresholds } from "./faces/face-match.ts";
import { parseTrustedProxies } from "./http/trusted-proxies.ts";

// The one place that reads process.env for the portal: parsed once, validated, frozen.

const ZDatabaseUrl = z
  .string()
  .trim()
  .min(1, "DATABASE_URL is empty: set it to pglite:<folder>, pglite:memory or postgresql://…")
  .refine((url) => /^(pglite:|postgres(ql)?:\/\/)/.test(url), {
    message: "DATABASE_URL must start with pglite: or postgresql://",
  });

const ZSecret = (name: string) =>
  z
    .string({ error: `${name} is not set: npm start generates one under ./data; in production set it in the environment` })
    .min(32, `${name} must be at least 32 characters`);

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: ZDatabaseUrl.default("pglite:./data/pglite"),
  APP_SECRET: ZSecret("APP_SECRET"),
  ID_HASH_KEY: ZSecret("ID_HASH_KEY"),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(8 * 60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  YANGGUANG_ROOT: z.string().optional(),
  JOIN_TOKEN_PRIVATE_KEY: z
    .string({ error: "JOIN_TOKEN_PRIVATE_KEY is not set: npm start generates one under ./data; in production set it in the environment" })
    .includes("BEGIN PRIVATE KEY", { message: "JOIN_TOKEN_PRIVATE_KEY must be a PKCS#8 PEM Ed25519 key" }),
  PORTAL_INTERNAL_SECRET: ZSecret("PORTAL_INTERNAL_SECRET"),
  MEDIA_PUBLIC_URL: z.url().default("http://localhost:4443"),
  MEDIA_INTERNAL_URL: z.url().optional(),
  TRUSTED_PROXIES: z.string().optional(),
  FACE_MATCH_PASS: z.coerce.number().min(0).max(1).default(DEFAULT_FACE_THRESHOLDS.pass),
  FACE_MATCH_REVIEW: z.coerce.number().min(0).max(1).default(DEFAULT_FACE_THRESHOLDS.review),
  VISIT_MIN_SLOT_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  VISIT_APPLY_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  VISIT_APPLY_PER_ID_PER_DAY: z.coerce.number().int().min(1).max(1000).default(5),
  // Roll calls (issue 13 §5): how long before the start the console may open.
  ROLLCALL_CONSOLE_LEAD_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  // …and how long after the end a person marked 缺席 may still be called (补点).
  ROLLCALL_MAKEUP_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(240),
  // coturn's shared-secret scheme (use-auth-secret): both or neither. Empty means unset (compose).
  TURN_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "TURN_SECRET must be at least 16 characters").optional()),
  TURN_URLS: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  // The location plot's optional basemap (issue 13 §3): the deployment's own tile server; none by default.
  MAP_TILE_URL: z.string().optional(),
  MAP_TILE_ATTRIBUTION: z.string().max(200).optional(),
  MAP_TILE_MAX_ZOOM: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(22).optional()),
}).refine((e) => e.FACE_MATCH_REVIEW <= e.FACE_MATCH_PASS, { message: "FACE_MATCH_REVIEW must not be above FACE_MATCH_PASS", path: ["FACE_MATCH_REVIEW"] })
  .refine((e) => !e.TURN_SECRET === !e.TURN_URLS, { message: "TURN_SECRET and TURN_URLS go together", path: ["TURN_URLS"] });

type Env = Record<string, string | undefined>;

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | null }
  | { kind: "postgres"; url: string };

export interface AppConfig {
  readonly env: "development" | "production" | "test";
  readonly database: DatabaseTarget;
  readonly appSecret: string;
  readonly idHashKey: string;
  readonly sessionTtlMs: number;
  readonly login: { readonly maxFailures: number; readonly windowMs: number };
  readonly joinTokenPrivateKey: string;
  readonly internalSecret: string;
  /** Where browsers reach the media node (signaling). */
  readonly mediaPublicUrl: string;
  /** Where the portal reaches the media node's internal API. */
  readonly mediaInternalUrl: string;
  /** Reverse proxies whose X-Forwarded-For / -Proto entries count (IPs and CIDRs); none by default. */
  readonly trustedProxies: readonly string[];
  /** Face match score thresholds (pass / review), see docs/PERFORMANCE.md for how they were chosen. */
  readonly faceThresholds: FaceThresholds;
  /** Family visits: the shortest slot a room may declare (tests set 1–2 minutes), and the public form's rate limits. */
  readonly visits: { readonly minSlotMinutes: number; readonly applyPerAddressPerHour: number; readonly applyPerIdPerDay: number };
  /** Roll calls: the console opens at the start minus `consoleLeadMinutes`, not before. */
  readonly rollCalls: { readonly consoleLeadMinutes: number; readonly makeUpMinutes: number };
  /** The TURN relay browsers may use when UDP to the media node is blocked; null without one. */
  readonly turn: { readonly secret: string; readonly urls: readonly string[] } | null;
  /** The location plot's basemap tile server (MAP_TILE_URL); null: no tiles, nothing fetched. */
  readonly basemap: BasemapConfig | null;
}

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  const checked = ZDatabaseUrl.parse(url);
  if (checked.startsWith("pglite:")) {
    const rest = checked.slice("pglite:".length);
    if (rest === "memory") return { kind: "pglite", dataDir: null };
    if (rest.length === 0) throw new Error("DATABASE_URL pglite: needs a folder, e.g. pglite:./data/pglite");
    return { kind: "pglite", dataDir: path.resolve(cwd, rest) };
  }
  return { kind: "postgres", url: checked };
}

/** The database alone, for scripts (migrate, status) that need no secrets. */
export function databaseTargetFromEnv(env: Env = process.env): DatabaseTarget {
  return parseDatabaseUrl(env.DATABASE_URL ?? "pglite:./data/pglite", env.YANGGUANG_ROOT ?? process.cwd());
}

export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  // next start runs with cwd = web/; relative database folders are relative to the repository.
  const baseDir = e.YANGGUANG_ROOT ?? process.cwd();
  return Object.freeze({
    env: e.NODE_ENV,
    database: Object.freeze(parseDatabaseUrl(e.DATABASE_URL, baseDir)),
    appSecret: e.APP_SECRET,
    idHashKey: e.ID_HASH_KEY,
    sessionTtlMs: e.SESSION_TTL_MINUTES * 60_000,
    login: Object.freeze({ maxFailures: e.LOGIN_MAX_FAILURES, windowMs: e.LOGIN_WINDOW_SECONDS * 1000 }),
    joinTokenPrivateKey: e.JOIN_TOKEN_PRIVATE_KEY,
    internalSecret: e.PORTAL_INTERNAL_SECRET,
    mediaPublicUrl: e.MEDIA_PUBLIC_URL,
    mediaInternalUrl: e.MEDIA_INTERNAL_URL ?? e.MEDIA_PUBLIC_URL,
    trustedProxies: Object.freeze(parseTrustedProxies(e.TRUSTED_PROXIES)),
    faceThresholds: Object.freeze({ pass: e.FACE_MATCH_PASS, review: e.FACE_MATCH_REVIEW }),
    visits: Object.freeze({
      minSlotMinutes: e.VISIT_MIN_SLOT_MINUTES,
      applyPerAddressPerHour: e.VISIT_APPLY_PER_ADDRESS_PER_HOUR,
      applyPerIdPerDay: e.VISIT_APPLY_PER_ID_PER_DAY,
    }),
    rollCalls: Object.freeze({ consoleLeadMinutes: e.ROLLCALL_CONSOLE_LEAD_MINUTES, makeUpMinutes: e.ROLLCALL_MAKEUP_MINUTES }),
    turn: e.TURN_SECRET && e.TURN_URLS ? Object.freeze({ secret: e.TURN_SECRET, urls: Object.freeze(parseTurnUrls(e.TURN_URLS)) }) : null,
    basemap: parseBasemap({ url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION, maxZoom: e.MAP_TILE_MAX_ZOOM }),
  });
}

/** TURN_URLS: comma-separated turn:/turns: URLs, e.g. `turn:turn.example.org:3478?transport=tcp`. */
function parseTurnUrls(raw: string): string[] {
  const urls = raw.split(",").map((url) => url.trim()).filter(Boolean);
  const bad = urls.filter((url) => !/^turns?:[^\s/?#]+(\?transport=(udp|tcp))?$/.test(url));
  if (urls.length === 0 || bad.length > 0) {
    throw new Error(`Invalid configuration:\n  TURN_URLS: expected turn:host:port or turns:host:port URLs, got ${JSON.stringify(bad.join(",") || raw)}`);
  }
  return urls;
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
