import { z } from "zod";

// The media network (issue 11): who this node is in the tree, whom it trusts, and how its pipes
// listen. All optional: a node without a parent or children is today's single node.

const pem = (label: string, kind: "PRIVATE" | "PUBLIC") =>
  z.string().includes(`BEGIN ${kind} KEY`, { message: `${label} must be a PEM ${kind === "PRIVATE" ? "PKCS#8 private" : "SPKI public"} key (Ed25519)` });
const ZNodeId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { message: "node ids are 1–64 letters, digits, '.', '_' or '-'" });
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema);

export const ZNetworkEnv = z
  .object({
    MEDIA_UNIT_ID: unsetIfEmpty(z.string().min(1).max(100).optional()),
    /** This node's own Ed25519 key: it signs the node's side of every link handshake. */
    MEDIA_NODE_KEY: unsetIfEmpty(pem("MEDIA_NODE_KEY", "PRIVATE").optional()),
    MEDIA_PARENT_ID: unsetIfEmpty(ZNodeId.optional()),
    /** The parent's internal URL (its signaling port), e.g. http://10.0.1.2:4443. */
    MEDIA_PARENT_URL: unsetIfEmpty(z.url().optional()),
    MEDIA_PARENT_KEY: unsetIfEmpty(pem("MEDIA_PARENT_KEY", "PUBLIC").optional()),
    /** JSON object: child node id → its SPKI public key. Only these may link to this node. */
    MEDIA_CHILD_KEYS: unsetIfEmpty(z.string().optional()),
    /** Where pipes listen and what address they announce to the other node (default: MEDIA_LISTEN_IP). */
    MEDIA_PIPE_IP: unsetIfEmpty(z.ipv4().or(z.ipv6()).optional()),
    MEDIA_PIPE_ANNOUNCED_IP: unsetIfEmpty(z.ipv4().or(z.ipv6()).optional()),
    MEDIA_PIPE_IDLE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
    MEDIA_LINK_DOWN_SECONDS: z.coerce.number().min(1).max(120).default(5),
    /** `off`: every stream crosses a link whole (pipes only), as before layer-only links. */
    MEDIA_LAYER_LINKS: z.enum(["on", "off"]).default("on"),
  })
  .refine((e) => !(e.MEDIA_PARENT_ID || e.MEDIA_PARENT_URL || e.MEDIA_PARENT_KEY) || (e.MEDIA_PARENT_ID && e.MEDIA_PARENT_URL && e.MEDIA_PARENT_KEY), {
    message: "MEDIA_PARENT_ID, MEDIA_PARENT_URL and MEDIA_PARENT_KEY go together",
    path: ["MEDIA_PARENT_ID"],
  })
  .refine((e) => !(e.MEDIA_PARENT_ID || e.MEDIA_CHILD_KEYS) || e.MEDIA_NODE_KEY, {
    message: "a node with a parent or children needs MEDIA_NODE_KEY (its own Ed25519 private key)",
    path: ["MEDIA_NODE_KEY"],
  });

export type NetworkConfig = Readonly<{
  unitId: string | null;
  nodeKey: string | null;
  parent: Readonly<{ id: string; url: string; publicKey: string }> | null;
  children: Readonly<Record<string, string>>;
  pipeIp: string;
  pipeAnnouncedIp: string;
  pipeIdleMs: number;
  linkDownMs: number;
  /** Offer (and accept) a layers transport beside each pipe: simulcast cameras cross as one layer. */
  layerLinks: boolean;
}>;

const ZChildKeys = z.record(ZNodeId, pem("MEDIA_CHILD_KEYS entry", "PUBLIC"));

export function networkConfigOf(e: z.output<typeof ZNetworkEnv>, listenIp: string, announcedIp: string | undefined): NetworkConfig {
  let children: Record<string, string> = {};
  if (e.MEDIA_CHILD_KEYS) {
    let raw: unknown;
    try {
      raw = JSON.parse(e.MEDIA_CHILD_KEYS);
    } catch {
      throw new Error("Invalid media node configuration:\n  MEDIA_CHILD_KEYS: not JSON (an object of child node id → public key PEM)");
    }
    const parsed = ZChildKeys.safeParse(raw);
    if (!parsed.success) throw new Error(`Invalid media node configuration:\n  MEDIA_CHILD_KEYS: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    children = parsed.data;
  }
  const pipeIp = e.MEDIA_PIPE_IP ?? listenIp;
  const announced = e.MEDIA_PIPE_ANNOUNCED_IP ?? (["0.0.0.0", "::"].includes(pipeIp) ? announcedIp : pipeIp);
  if (!announced || !z.ipv4().or(z.ipv6()).safeParse(announced).success) {
    throw new Error("Invalid media node configuration:\n  MEDIA_PIPE_ANNOUNCED_IP: pipes listening on all interfaces need an IP address to announce");
  }
  return Object.freeze({
    unitId: e.MEDIA_UNIT_ID ?? null,
    nodeKey: e.MEDIA_NODE_KEY ?? null,
    parent: e.MEDIA_PARENT_ID ? Object.freeze({ id: e.MEDIA_PARENT_ID, url: e.MEDIA_PARENT_URL!, publicKey: e.MEDIA_PARENT_KEY! }) : null,
    children: Object.freeze(children),
    pipeIp,
    pipeAnnouncedIp: announced,
    pipeIdleMs: e.MEDIA_PIPE_IDLE_SECONDS * 1000,
    linkDownMs: e.MEDIA_LINK_DOWN_SECONDS * 1000,
    layerLinks: e.MEDIA_LAYER_LINKS === "on",
  });
}
