import { describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "./ed25519-pem.mjs";
import { capCommands, cutCommands, setupCommands, teardownCommands } from "./netns.mjs";
import { DEMO_NETWORK_NODES, networkPlan, nodeTree } from "./network-plan.mjs";

// `npm run demo:network`'s wiring (issue 11 §5), checked without starting anything: the tree
// follows the units, each node trusts exactly its parent and children, the portal places tokens
// on every node, and the namespace mode links each node only to its neighbours.

// The demo hierarchy's keys with their ancestors (nearest first), as demo-network-setup.ts reads them.
const ANCESTORS: Record<string, string[]> = {
  moj: [],
  gd: ["moj"],
  fs: ["gd", "moj"],
  gm: ["fs", "gd", "moj"],
  hc: ["gm", "fs", "gd", "moj"],
  nh: ["fs", "gd", "moj"],
  jy1: ["gd", "moj"],
};
const unitsOf = (keys: readonly string[]) => keys.map((key) => ({ key, id: `unit-${key}`, name: key.toUpperCase(), ancestors: ANCESTORS[key]! }));
const keys = Object.fromEntries(Object.keys(ANCESTORS).map((key) => [key, ed25519PemKeyPair()]));
const plan = (mode: "loopback" | "netns", nodes: readonly string[] = DEMO_NETWORK_NODES) =>
  networkPlan({ units: unitsOf(nodes), mode, portalPort: 3000, mediaPort: 4450, rtcPort: 41000, keys });

describe("the demo network's plan", () => {
  it("links each node to the nearest unit above it that has a node, parents first", () => {
    expect(nodeTree(unitsOf(DEMO_NETWORK_NODES)).map((n) => [n.key, n.parent])).toEqual([
      ["moj", null],
      ["gd", "moj"],
      ["fs", "gd"],
      ["gm", "fs"],
      ["hc", "gm"],
      ["jy1", "gd"],
    ]);
    // Without a 高明区 node, 荷城 links straight to 佛山.
    expect(nodeTree(unitsOf(["hc", "fs", "moj"])).map((n) => [n.key, n.parent])).toEqual([
      ["moj", null],
      ["fs", "moj"],
      ["hc", "fs"],
    ]);
  });

  it("refuses a set of nodes that is not one tree, or a node listed twice", () => {
    expect(() => nodeTree(unitsOf(["gm", "nh"]))).toThrow(/one tree/);
    expect(() => nodeTree(unitsOf(["moj", "moj"]))).toThrow(/twice/);
  });

  it("gives every node its parent's URL and key, only its own children's keys, and its own private key", () => {
    const { nodes } = plan("loopback");
    const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
    expect(byId.moj!.env.MEDIA_PARENT_ID).toBeUndefined();
    expect(JSON.parse(byId.moj!.env.MEDIA_CHILD_KEYS!)).toEqual({ gd: keys.gd!.publicKey });
    expect(Object.keys(JSON.parse(byId.gd!.env.MEDIA_CHILD_KEYS!)).sort()).toEqual(["fs", "jy1"]);
    expect(byId.hc!.env).toMatchObject({
      MEDIA_NODE_ID: "hc",
      MEDIA_UNIT_ID: "unit-hc",
      MEDIA_PARENT_ID: "gm",
      MEDIA_PARENT_URL: byId.gm!.url,
      MEDIA_PARENT_KEY: keys.gm!.publicKey,
      MEDIA_NODE_KEY: keys.hc!.privateKey,
      PORTAL_URL: "http://127.0.0.1:3000",
    });
    expect(byId.hc!.env.MEDIA_CHILD_KEYS).toBeUndefined();
    for (const node of nodes) expect(node.env.MEDIA_NODE_KEY).not.toContain("PUBLIC");
  });

  it("loopback: one signaling port and one RTC port range per node, none shared", () => {
    const { nodes } = plan("loopback");
    expect(new Set(nodes.map((n) => n.port)).size).toBe(nodes.length);
    expect(nodes.map((n) => n.url)).toContain("http://127.0.0.1:4450");
    const ranges = nodes.map((n) => [Number(n.env.MEDIA_RTC_MIN_PORT), Number(n.env.MEDIA_RTC_MAX_PORT)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1]);
    for (const node of nodes) expect(node.ns).toBeNull();
  });

  it("tells the portal every node (its unit and URL) and uses the top node for the rest", () => {
    const { nodes, portalEnv } = plan("loopback", [...DEMO_NETWORK_NODES, "nh"]);
    expect(JSON.parse(portalEnv.MEDIA_NODES)).toEqual(nodes.map((n) => ({ id: n.id, unit: `unit-${n.id}`, url: n.url, key: keys[n.id]!.publicKey })));
    expect(portalEnv.MEDIA_PUBLIC_URL).toBe(nodes.find((n) => n.id === "moj")!.url);
    expect(portalEnv.PORT).toBe("3000");
  });

  it("namespaces: each node on its own address, reaching its parent across their link and the portal across its LAN", () => {
    const { nodes } = plan("netns");
    const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
    expect(new Set(nodes.map((n) => n.ns!.nodeAddress)).size).toBe(nodes.length);
    const fs = byId.fs!;
    expect(fs.url).toBe(`http://${fs.ns!.nodeAddress}:4450`);
    expect(fs.env).toMatchObject({ MEDIA_LISTEN_IP: fs.ns!.nodeAddress, MEDIA_PIPE_IP: fs.ns!.nodeAddress, MEDIA_HTTP_HOST: "0.0.0.0" });
    expect(fs.env.MEDIA_PARENT_URL).toBe(`http://${fs.ns!.downAddress}:4450`);
    expect(fs.env.PORTAL_URL).toBe(`http://${fs.ns!.hostAddress}:3000`);
    // Interface names fit Linux's 15 characters.
    for (const node of nodes) for (const dev of [node.ns!.hostDev, node.ns!.nodeDev, node.ns!.upDev, node.ns!.downDev]) expect(dev.length).toBeLessThanOrEqual(15);
  });

  it("namespaces: one veth pair per link of the tree, routes only between neighbours, and nothing left at teardown", () => {
    const p = plan("netns");
    const commands = setupCommands(p).map((c) => c.join(" "));
    for (const node of p.nodes) expect(commands).toContain(`ip netns add ygav-${node.id}`);
    const links = commands.filter((c) => /^ip link add ygu-/.test(c));
    expect(links.sort()).toEqual(["fs", "gd", "gm", "hc", "jy1"].map((id) => `ip link add ygu-${id} type veth peer name ygd-${id}`).sort());
    const byId = Object.fromEntries(p.nodes.map((n) => [n.id, n]));
    const hc = byId.hc!.ns!;
    const gm = byId.gm!.ns!;
    expect(commands).toContain(`ip -n ygav-hc route replace ${gm.nodeAddress}/32 via ${hc.downAddress} dev ygu-hc`);
    expect(commands).toContain(`ip -n ygav-gm route replace ${hc.nodeAddress}/32 via ${hc.upAddress} dev ygd-hc`);
    // 荷城 has no route to the ministry: streams go hop by hop.
    expect(commands.some((c) => c.startsWith("ip -n ygav-hc route") && c.includes(byId.moj!.ns!.nodeAddress))).toBe(false);
    expect(teardownCommands(p).map((c: string[]) => c.join(" ")).sort()).toEqual(p.nodes.map((n) => `ip netns del ygav-${n.id}`).sort());
  });

  it("caps a link both ways with tbf, lifts the cap, cuts it and restores it with its routes", () => {
    const p = plan("netns");
    expect(capCommands(p, "fs", "500kbit").map((c) => c.join(" "))).toEqual([
      "ip netns exec ygav-fs tc qdisc replace dev ygu-fs root tbf rate 500kbit burst 32kbit latency 400ms",
      "ip netns exec ygav-gd tc qdisc replace dev ygd-fs root tbf rate 500kbit burst 32kbit latency 400ms",
    ]);
    expect(capCommands(p, "fs", null).map((c) => c.join(" "))).toEqual([
      "ip netns exec ygav-fs tc qdisc del dev ygu-fs root",
      "ip netns exec ygav-gd tc qdisc del dev ygd-fs root",
    ]);
    expect(() => capCommands(p, "fs", "fast; rm -rf /")).toThrow(/rate/);
    expect(() => capCommands(p, "moj", "1mbit")).toThrow(/no link above node "moj"/);
    expect(cutCommands(p, "gm").map((c) => c.join(" "))).toEqual(["ip -n ygav-gm link set ygu-gm down", "ip -n ygav-fs link set ygd-gm down"]);
    const restore = cutCommands(p, "gm", true).map((c) => c.join(" "));
    expect(restore.slice(0, 2)).toEqual(["ip -n ygav-gm link set ygu-gm up", "ip -n ygav-fs link set ygd-gm up"]);
    expect(restore.filter((c) => c.includes("route replace"))).toHaveLength(2);
  });
});
