import { afterAll, describe, expect, it } from "vitest";
import { syntheticCamera, until } from "./support/node-tree.ts";
import { useNodeTree } from "./support/use-node-tree.ts";
import { MODERATOR, OBSERVER } from "./support/tree-portal.ts";

// Issue 11: a superior's inspection (an unlisted observer, issue 11 §3) watching through its own
// node two hops above the room's home is listed to nobody there — the room's officer included —
// and still gets the streams. (Found by the multi-node e2e: the flag was not relayed between nodes.)
const TREE = [{ id: "top" }, { id: "mid", parent: "top" }, { id: "home", parent: "mid" }];
const ROOM = "rollcall-home";
const IN_ROOM = { home: "home", room: ROOM, kind: "rollcall" } as const;

describe("an unlisted observer on another node", () => {
  const tree = useNodeTree(TREE, {}, 52000);
  let stop = () => {};

  afterAll(async () => {
    stop();
  }, 30_000);

  it("is listed to nobody at the room's home, yet receives its streams; a listed observer is still shown to staff", { timeout: 60_000 }, async () => {
    const officer = await tree.join("home", { ...IN_ROOM, ...MODERATOR, sub: "officer" });
    const person = await tree.join("home", { ...IN_ROOM, sub: "person", as: "person", sees: "staff" });
    const camera = await syntheticCamera(tree.room("home", ROOM)!, "person");
    stop = camera.stop;
    const inspector = await tree.join("top", { ...IN_ROOM, ...OBSERVER, unlisted: true, sub: "insp:view-1" });
    await until("the inspector's consumer", () => [...inspector.consumers.values()].find((c) => c.producerId === camera.producer.id));
    // The home node knows the inspector (it routes the streams) as unlisted…
    const known = await until("the inspector's presence at home", () => tree.room("home", ROOM)?.findPeer("insp:view-1"));
    expect(known.unlisted).toBe(true);
    expect(tree.room("mid", ROOM)?.findPeer("insp:view-1")?.unlisted).toBe(true);
    // …and a listed observer arriving after it is shown to the officer: the officer's events are flowing.
    await tree.join("top", { ...IN_ROOM, ...OBSERVER, sub: "gd-observer" });
    await officer.waitFor("peerJoined", (p) => p.peer.id === "gd-observer");
    for (const who of [officer, person]) expect(JSON.stringify(who.received)).not.toContain("insp:view-1");
  });
});
