import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { signLinkToken } from "../src/network/link-auth.ts";
import { NETWORK_NAMESPACE } from "../src/protocol/network.ts";
import { frameCounter, sleep, syntheticCamera, until } from "./support/node-tree.ts";
import { useNodeTree } from "./support/use-node-tree.ts";
import { OBSERVER } from "./support/tree-portal.ts";

// Issue 11: a `link` once went unanswered for 10 s after the 佛山 node came back (DECISIONS, "A
// link request toward a room's home waits 3 s"). The cause: the parent counted a returning child
// as a neighbour from the moment its socket connected, before the child had checked the parent's
// answer (`welcome`) and started listening for messages; a `link` sent in that window reached a
// socket with no listener and was never answered. Here the window is held open: a socket with the
// child's real key connects and never gets past `welcome`.
const TREE = [{ id: "gd" }, { id: "fs", parent: "gd" }, { id: "hc", parent: "fs" }];
const ROOM = "rollcall-relink-1";
const IN_ROOM = { home: "hc", room: ROOM, kind: "rollcall" } as const;

describe("a child that has connected but not finished its handshake", () => {
  const tree = useNodeTree(TREE, {}, 53400);
  const sockets: Socket[] = [];
  let camera: Awaited<ReturnType<typeof syntheticCamera>> | undefined;

  afterAll(async () => {
    for (const s of sockets) s.close();
    camera?.stop();
  }, 30_000);

  it("is sent nothing until it has announced itself, and the room relinks once it has", { timeout: 60_000 }, async () => {
    await tree.join("hc", { ...IN_ROOM, sub: "person", as: "person" }, { recv: false, send: true });
    camera = await syntheticCamera(tree.room("hc", ROOM)!, "person");
    await tree.join("gd", { ...IN_ROOM, ...OBSERVER, sub: "inspector" });
    const streamAt = (node: string) => [...(tree.room(node, ROOM)?.allPeers() ?? [])].some((p) => p.producers.has(camera!.producer.id)) || undefined;
    await until("the stream at 广东省", () => streamAt("gd"), 20_000);

    // 佛山 goes away; the province's room wants 荷城 and waits for the way there.
    await tree.stopNode("fs");
    await until("the province saw 佛山 go", () => !tree.get("gd").node.network!.tree.neighbor("fs") || undefined);

    // 佛山's key connects and stops after the parent's welcome (as a node does while it checks it).
    const { token } = await signLinkToken(tree.keysOf("fs").privateKey, "fs", "gd");
    const socket = io(tree.get("gd").url + NETWORK_NAMESPACE, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    sockets.push(socket);
    const received: string[] = [];
    socket.on("msg", (envelope: { type?: string }) => received.push(String(envelope?.type)));
    await new Promise((resolve) => socket.once("welcome", resolve));
    await sleep(2500); // two sweeps of the province's links, and then some
    expect(received.filter((type) => type !== "ping")).toEqual([]);
    expect(tree.get("gd").node.network!.tree.neighbor("fs")).toBeUndefined();
    socket.close();

    // The real 佛山 returns: the room relinks through it and the stream reaches the province again.
    await tree.startNode("fs");
    await tree.linked();
    await until("the stream at 广东省 again", () => streamAt("gd"), 20_000);
    const counter = await frameCounter(tree.room("gd", ROOM)!, camera.producer.id);
    await until("frames at 广东省", () => counter.completedAt.size > 10 || undefined, 15_000);
    counter.close();
  });
});
