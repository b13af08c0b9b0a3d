import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../scripts/lib/ed25519-pem.mjs";
import { signLinkToken } from "../src/network/link-auth.ts";
import { NETWORK_NAMESPACE } from "../src/protocol/network.ts";
import { until } from "./support/node-tree.ts";
import { useNodeTree } from "./support/use-node-tree.ts";
import { TestClient } from "./support/test-client.ts";
import { MODERATOR } from "./support/tree-portal.ts";

// Issue 11: a node cannot pose as another, and a control message that is forged (malformed, of
// no known type, or about a room its sender has no link for) is refused and changes nothing.
const TREE = [{ id: "city" }, { id: "county", parent: "city" }, { id: "office", parent: "city" }];

describe("node links are authenticated", () => {
  const tree = useNodeTree(TREE, {}, 50600);
  const sockets: Socket[] = [];
  const stranger = ed25519PemKeyPair();

  const connectAs = (token: string): Promise<{ socket: Socket; error?: string; welcome?: unknown }> =>
    new Promise((resolve) => {
      const socket = io(tree.get("city").url + NETWORK_NAMESPACE, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
      sockets.push(socket);
      socket.once("connect_error", (error) => resolve({ socket, error: error.message }));
      socket.once("welcome", (welcome) => resolve({ socket, welcome }));
    });
  const refusals = async () => {
    const metric = await tree.get("city").node.network!.refusals.get();
    return metric.values[0]?.value ?? 0;
  };

  afterAll(async () => {
    for (const s of sockets) s.close();
  }, 30_000);

  it("refuses a node presenting another node's identity", async () => {
    // A stranger's key claiming to be the county.
    const forged = await signLinkToken(stranger.privateKey, "county", "city");
    expect((await connectAs(forged.token)).error).toMatch(/refused/);
    // The office's real key, claiming to be the county.
    const office = await signLinkToken(tree.keysOf("office").privateKey, "county", "city");
    expect((await connectAs(office.token)).error).toMatch(/refused/);
    // The county's key, but for another parent.
    const elsewhere = await signLinkToken(tree.keysOf("county").privateKey, "county", "province");
    expect((await connectAs(elsewhere.token)).error).toMatch(/refused/);
    // A node the city does not list as its child.
    const unknown = await signLinkToken(stranger.privateKey, "stranger", "city");
    expect((await connectAs(unknown.token)).error).toMatch(/not a neighbour/);
    // The real county's handshake, replayed.
    const real = await signLinkToken(tree.keysOf("county").privateKey, "county", "city");
    const first = await connectAs(real.token);
    expect(first.welcome).toBeDefined();
    first.socket.close();
    expect((await connectAs(real.token)).error).toMatch(/replayed/);
    // The real county is still the city's child, and linked again once its connection comes back.
    await until("the county relinked", () => tree.get("city").node.network!.tree.neighbor("county"), 15_000);
  }, 60_000);

  it("refuses forged control messages and changes nothing", async () => {
    // A real call at the office, so that there is something to steal.
    const officer = await tree.join("office", { ...MODERATOR, sub: "officer", room: "r-office" }, { recv: false });
    const before = await refusals();

    // The county (authenticated, really itself) sends what it has no business sending.
    const { token: countyToken } = await signLinkToken(tree.keysOf("county").privateKey, "county", "city");
    const { socket } = await connectAs(countyToken);
    const ask = (envelope: unknown) => socket.timeout(5000).emitWithAck("msg", envelope) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
    // Must answer the handshake by announcing its subtree before anything else.
    expect((await ask({ type: "pipe", payload: { room: "r-office", producerId: "x" } })).error?.code).toBe("invalid_state");
    // A subtree claiming the city itself (to draw its routes).
    expect((await ask({ type: "subtree", payload: { nodes: ["county", "city"] } })).error?.code).toBe("forbidden");
    expect((await ask({ type: "subtree", payload: { nodes: ["county"] } })).ok).toBe(true);
    // No such message; a malformed one; a stream of a room it has no link for; a mute of a peer in it.
    expect((await ask({ type: "becomeRoot", payload: {} })).error?.code).toBe("invalid_message");
    expect((await ask({ type: "pipe", payload: { room: 42 } })).error?.code).toBe("invalid_message");
    expect((await ask({ type: "pipe", payload: { room: "r-office", producerId: "x" } })).error?.code).toBe("forbidden");
    expect((await ask({ type: "moderate", payload: { room: "r-office", peerId: "officer", action: "mute", source: "all" } })).error?.code).toBe("forbidden");
    expect((await ask({ type: "peers", payload: { room: "r-office", peers: [] } })).error?.code).toBe("forbidden");
    // A room whose home is the office, asked from the county: the city would not route it back down there.
    const spec = { room: "r-office", home: "county", kind: "meeting", endsAtMs: null, privileged: false, mustRecord: false };
    const pipe = { ip: "127.0.0.1", port: 9, srtp: { cryptoSuite: "AES_CM_128_HMAC_SHA1_80", keyBase64: "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY3ODkw" } };
    expect((await ask({ type: "link", payload: { spec, pipe } })).error?.code).toBe("forbidden");
    expect(await refusals()).toBeGreaterThanOrEqual(before + 6);
    // Nothing changed at the office: no other peer, no room at the city.
    expect([...tree.room("office", "r-office")!.allPeers()].map((p) => p.id)).toEqual(["officer"]);
    expect(tree.room("city", "r-office")).toBeUndefined();
    officer.close();
  }, 60_000);

  it("a join token names the node it is for; another node refuses it", async () => {
    const token = await tree.token({ sub: "person", node: "office", room: "r-2" });
    const client = await TestClient.connect(tree.get("county").url, token);
    const refused = await client.request("getRouterRtpCapabilities", {});
    client.close();
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/media node office/);
    expect(tree.room("county", "r-2")).toBeUndefined();
    // The node it names takes it.
    const right = await TestClient.connect(tree.get("office").url, token);
    await right.join();
    right.close();
  }, 30_000);
});
