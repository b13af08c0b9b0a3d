import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeTree, syntheticCamera, until } from "./support/node-tree.ts";
import { TestClient } from "./support/test-client.ts";

// Issue 11: a superior's inspection (an unlisted observer, issue 11 §3) watching through its own
// node two hops above the room's home is listed to nobody there — the room's officer included —
// and still gets the streams. (Found by the multi-node e2e: the flag was not relayed between nodes.)
const TREE = [{ id: "top" }, { id: "mid", parent: "top" }, { id: "home", parent: "mid" }];
const ROOM = "rollcall-home";
const OFFICER = { role: "staff", as: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } };
const INSPECTOR = { role: "staff", as: "observer", unlisted: true, grants: { publish: false, subscribe: true, observe: true, moderate: false } };
const OBSERVER = { role: "staff", as: "observer", grants: { publish: false, subscribe: true, observe: true, moderate: false } };

describe("an unlisted observer on another node", () => {
  let tree: NodeTree;
  const clients: TestClient[] = [];
  let stop = () => {};

  const join = async (node: string, sub: string, extra: Record<string, unknown> = {}) => {
    const token = await tree.token({ sub, node, home: "home", room: ROOM, kind: "rollcall", ...extra } as never);
    const client = await TestClient.connect(tree.get(node).url, token);
    clients.push(client);
    await client.join();
    await client.openTransports({ recv: true, send: false });
    return client;
  };

  beforeAll(async () => {
    if (!process.env.MEDIASOUP_WORKER_BIN) throw new Error("MEDIASOUP_WORKER_BIN is not set: run the tests through `npm test`");
    tree = await NodeTree.start(TREE, {}, 52000);
    await tree.linked();
  }, 60_000);
  afterAll(async () => {
    stop();
    for (const c of clients) c.close();
    await tree?.close();
  }, 30_000);

  it("is listed to nobody at the room's home, yet receives its streams; a listed observer is still shown to staff", { timeout: 60_000 }, async () => {
    const officer = await join("home", "officer", OFFICER);
    const person = await join("home", "person", { as: "person", sees: "staff" });
    const camera = await syntheticCamera(tree.room("home", ROOM)!, "person");
    stop = camera.stop;
    const inspector = await join("top", "insp:view-1", INSPECTOR);
    await until("the inspector's consumer", () => [...inspector.consumers.values()].find((c) => c.producerId === camera.producer.id));
    // The home node knows the inspector (it routes the streams) as unlisted…
    const known = await until("the inspector's presence at home", () => tree.room("home", ROOM)?.findPeer("insp:view-1"));
    expect(known.unlisted).toBe(true);
    expect(tree.room("mid", ROOM)?.findPeer("insp:view-1")?.unlisted).toBe(true);
    // …and a listed observer arriving after it is shown to the officer: the officer's events are flowing.
    await join("top", "gd-observer", OBSERVER);
    await officer.waitFor("peerJoined", (p) => p.peer.id === "gd-observer");
    for (const who of [officer, person]) expect(JSON.stringify(who.received)).not.toContain("insp:view-1");
  });
});
