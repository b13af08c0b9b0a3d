// `npm run demo:network` (issue 11 §5) and the multi-node e2e: which media nodes run, who is whose
// parent, and every process's environment. Pure: the keys and the units' database ids come in,
// so that a unit test can check the wiring without starting anything.
/** Unit keys of the demo hierarchy (web/lib/seed/demo-units.ts) that get a node by default. */
export const DEMO_NETWORK_NODES = Object.freeze(["moj", "gd", "fs", "gm", "hc", "jy1"]);

/** Node ids are the demo unit keys: short, so that interface names (15 characters) fit. */
const ZNODE_ID = /^[a-z0-9]{1,6}$/;

/**
 * Each node's parent: the nearest ancestor unit that has a node. `units` lists the nodes' units,
 * each `{ key, id, name, ancestors }` (ancestor unit keys, nearest first). Parents come first in
 * the result, so that a node starts after the node it links to.
 */
export function nodeTree(units) {
  const keys = new Set(units.map((u) => u.key));
  if (keys.size !== units.length) throw new Error("a unit is listed twice");
  for (const unit of units) if (!ZNODE_ID.test(unit.key)) throw new Error(`node id "${unit.key}": 1–6 lowercase letters or digits`);
  const withParent = units.map((unit) => ({ ...unit, parent: unit.ancestors.find((a) => keys.has(a)) ?? null }));
  const roots = withParent.filter((u) => u.parent === null);
  if (roots.length !== 1) throw new Error(`the nodes must form one tree: ${roots.length === 0 ? "no top node" : `${roots.map((r) => r.key).join(", ")} have no parent node`}`);
  const ordered = [];
  const visit = (key) => {
    const node = withParent.find((u) => u.key === key);
    ordered.push(node);
    for (const child of withParent.filter((u) => u.parent === key)) visit(child.key);
  };
  visit(roots[0].key);
  return ordered;
}

/**
 * Addresses of the network-namespace mode. Node n (1-based, tree order) lives in namespace
 * `ygav-<id>`; its "LAN" is a veth to the host (host 10.98.n.1, node 10.98.n.2: browsers and the
 * portal reach it there); its uplink is a veth to its parent's namespace (child 10.97.n.2, parent
 * 10.97.n.1), and the only way to its parent: the control channel and the pipes cross it, so
 * capping or cutting it caps or cuts that link of the tree.
 */
export function namespaceOf(index, id) {
  const n = index + 1;
  return {
    name: `ygav-${id}`,
    hostDev: `ygh-${id}`,
    nodeDev: `ygn-${id}`,
    hostAddress: `10.98.${n}.1`,
    nodeAddress: `10.98.${n}.2`,
    /** Uplink: `upDev` in this node's namespace, `downDev` in its parent's. */
    upDev: `ygu-${id}`,
    downDev: `ygd-${id}`,
    upAddress: `10.97.${n}.2`,
    downAddress: `10.97.${n}.1`,
  };
}

/**
 * @param {object} options
 * @param {Array<{key: string, id: string, name: string, ancestors: string[]}>} options.units
 * @param {"loopback" | "netns"} options.mode
 * @param {number} options.portalPort
 * @param {number} options.mediaPort  first node's signaling port (loopback: one port per node)
 * @param {number} options.rtcPort  first RTC port (loopback: 100 per node)
 * @param {Record<string, {publicKey: string, privateKey: string}>} options.keys  per node id
 * @param {string} [options.portalOrigins]  pages allowed to open signaling (MEDIA_CORS_ORIGIN)
 */
export function networkPlan({ units, mode, portalPort, mediaPort, rtcPort, keys, portalOrigins }) {
  if (mode !== "loopback" && mode !== "netns") throw new Error(`unknown mode ${mode}`);
  const tree = nodeTree(units);
  const origins = portalOrigins ?? `http://localhost:${portalPort},http://127.0.0.1:${portalPort}`;
  const placed = tree.map((unit, index) => {
    const ns = mode === "netns" ? namespaceOf(index, unit.key) : null;
    const port = mode === "netns" ? mediaPort : mediaPort + index;
    const address = ns ? ns.nodeAddress : "127.0.0.1";
    return { unit, index, ns, port, address, url: `http://${address}:${port}` };
  });
  const byId = new Map(placed.map((p) => [p.unit.key, p]));
  const nodes = placed.map(({ unit, index, ns, port, address, url }) => {
    const key = keys[unit.key];
    if (!key) throw new Error(`no key for node ${unit.key}`);
    const parent = unit.parent ? byId.get(unit.parent) : null;
    const children = tree.filter((u) => u.parent === unit.key);
    const rtcMin = mode === "netns" ? rtcPort : rtcPort + index * 100;
    const env = {
      MEDIA_NODE_ID: unit.key,
      MEDIA_UNIT_ID: unit.id,
      MEDIA_PORT: String(port),
      MEDIA_HTTP_HOST: mode === "netns" ? "0.0.0.0" : "127.0.0.1",
      MEDIA_LISTEN_IP: address,
      MEDIA_PIPE_IP: address,
      MEDIA_RTC_MIN_PORT: String(rtcMin),
      MEDIA_RTC_MAX_PORT: String(rtcMin + 99),
      // One worker per node: six nodes share the machine's cores.
      MEDIA_WORKERS: "1",
      MEDIA_NODE_KEY: key.privateKey,
      // The portal as this node reaches it: in its namespace, across its LAN veth.
      PORTAL_URL: `http://${ns ? ns.hostAddress : "127.0.0.1"}:${portalPort}`,
      MEDIA_CORS_ORIGIN: origins,
      ...(parent
        ? {
            MEDIA_PARENT_ID: parent.unit.key,
            // Across the uplink (the parent listens on every address of its namespace).
            MEDIA_PARENT_URL: ns ? `http://${ns.downAddress}:${parent.port}` : parent.url,
            MEDIA_PARENT_KEY: keys[parent.unit.key].publicKey,
          }
        : {}),
      ...(children.length > 0 ? { MEDIA_CHILD_KEYS: JSON.stringify(Object.fromEntries(children.map((c) => [c.key, keys[c.key].publicKey]))) } : {}),
    };
    return { id: unit.key, name: unit.name, unitId: unit.id, parent: unit.parent, port, url, ns, env };
  });
  const top = nodes[0];
  return {
    mode,
    nodes,
    portalEnv: {
      PORT: String(portalPort),
      // Each node's public key pins its id in the portal's registry (issue 11 §1): no other key registers as it.
      MEDIA_NODES: JSON.stringify(nodes.map((n) => ({ id: n.id, unit: n.unitId, url: n.url, key: keys[n.id].publicKey }))),
      // Pages without a placement (no node serves the room's unit) and the portal's internal calls.
      MEDIA_PUBLIC_URL: top.url,
      MEDIA_INTERNAL_URL: top.url,
    },
    /** Namespace mode: the routes each namespace needs to reach its neighbours' node addresses. */
    links: nodes
      .filter((n) => n.parent)
      .map((n) => ({ child: n.id, parent: n.parent, childNs: n.ns, parentNs: byId.get(n.parent).ns })),
  };
}
