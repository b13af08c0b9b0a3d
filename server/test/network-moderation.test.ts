import { afterAll, describe, expect, it } from "vitest";
import { syntheticCamera, until } from "./support/node-tree.ts";
import { useNodeTree } from "./support/use-node-tree.ts";
import { MODERATOR } from "./support/tree-portal.ts";

// Issue 11: a moderator's mute holds on every node, pause and resume follow a stream across the
// hops, a moderator on another node can mute, and moderators hear of a link going down.
const TREE = [{ id: "top" }, { id: "mid", parent: "top" }, { id: "home", parent: "mid" }];
const ROOM = "meeting-home";
const IN_ROOM = { home: "home", room: ROOM } as const;

describe("moderation across nodes", () => {
  const tree = useNodeTree(TREE, {}, 51000);
  let stop = () => {};

  afterAll(async () => {
    stop();
  }, 30_000);

  it("mute, unmute and a remote moderator's mute follow the stream to the top; moderators hear of a lost link", { timeout: 60_000 }, async () => {
    const host = await tree.join("home", { ...IN_ROOM, ...MODERATOR, sub: "host" });
    const person = await tree.join("home", { ...IN_ROOM, sub: "person" });
    const camera = await syntheticCamera(tree.room("home", ROOM)!, "person");
    stop = camera.stop;
    const far = await tree.join("top", { ...IN_ROOM, ...MODERATOR, sub: "far-moderator" });
    const consumerId = await until("the far moderator's consumer", () => [...far.consumers.values()].find((c) => c.producerId === camera.producer.id)?.id);

    // The home moderator mutes the person: the far consumer pauses; the person is told.
    await host.ok("mutePeer", { peerId: "person", source: "camera" });
    await far.waitFor("consumerPaused", (p) => p.consumerId === consumerId);
    await person.waitFor("mutedByModerator");
    await far.waitFor("peerUpdated", (p) => p.peer.id === "person" && p.peer.producers.some((x) => x.mutedByModerator));
    await host.ok("unmutePeer", { peerId: "person", source: "camera" });
    await far.waitFor("consumerResumed", (p) => p.consumerId === consumerId);

    // The far moderator mutes the person: carried to its node, where the producer pauses.
    await far.ok("mutePeer", { peerId: "person", source: "camera" });
    await until("paused at home", () => camera.producer.paused || undefined);
    expect(person.received.filter((r) => r.event === "mutedByModerator").length).toBe(2);

    // The middle node goes: the far moderator is told the link to it is down.
    await tree.stopNode("mid");
    await far.waitFor("linkState", (p) => p.node === "mid" && p.up === false, 15_000);
    await host.waitFor("linkState", (p) => p.node === "mid" && p.up === false, 15_000);
  });
});
