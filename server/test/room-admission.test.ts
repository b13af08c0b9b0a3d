import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";

const staffGrants = { publish: true, subscribe: true, observe: false, moderate: true };
const guestGrants = { publish: true, subscribe: true, observe: false, moderate: false };

/**
 * A stranger with a roll call's guest link saw and heard the officer. Whatever the portal signs,
 * the node itself refuses a guest in a roll call's room, and a token minted for another kind.
 */
describe("who the media node lets into a roll call's room (real worker, real socket.io)", () => {
  let fixture: NodeFixture;
  const clients: TestClient[] = [];
  const connect = async (input: Parameters<NodeFixture["token"]>[0]) => {
    const client = await TestClient.connect(fixture.url, await fixture.token(input));
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "43000", MEDIA_RTC_MAX_PORT: "43499" });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await fixture?.stop();
  });

  it("refuses a guest-role token for a rollcall room with a typed error, before and after the room exists", async () => {
    const early = await connect({ sub: "guest:x", room: "rc-1", kind: "rollcall", as: "guest", role: "guest", grants: guestGrants });
    const refused = await early.request("getRouterRtpCapabilities", {});
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(fixture.node.rooms.get("rc-1")).toBeUndefined();

    const officer = await connect({ sub: "user:officer", room: "rc-1", kind: "rollcall", as: "staff", role: "staff", grants: staffGrants });
    await officer.join();
    const stranger = await connect({ sub: "guest:y", room: "rc-1", kind: "rollcall", as: "guest", role: "guest", grants: guestGrants });
    expect(await stranger.request("getRouterRtpCapabilities", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await stranger.request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Old tokens without `as`: the role decides.
    const legacy = await connect({ sub: "guest:z", room: "rc-1", kind: "rollcall", role: "guest", grants: guestGrants });
    expect(await legacy.request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect([...fixture.node.rooms.get("rc-1")!.allPeers()].map((p) => p.id)).toEqual(["user:officer"]);
  });

  it("refuses a token whose kind disagrees with the room's kind as first established", async () => {
    const officer = await connect({ sub: "user:officer", room: "rc-2", kind: "rollcall", as: "staff", role: "staff", grants: staffGrants });
    await officer.join();
    // A meeting's guest link pointed at the roll call's room id (kind defaults to meeting).
    const meetingGuest = await connect({ sub: "guest:m", room: "rc-2", role: "guest", grants: guestGrants });
    expect(await meetingGuest.request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "forbidden", message: expect.stringMatching(/meeting.*rollcall/) } });
  });

  it("admits a roster member's person token and a guest in an ad-hoc meeting", async () => {
    const officer = await connect({ sub: "user:officer", room: "rc-3", kind: "rollcall", as: "staff", role: "staff", grants: staffGrants });
    await officer.join();
    const person = await connect({ sub: "person:a", room: "rc-3", kind: "rollcall", as: "person", role: "participant", sees: "staff", grants: guestGrants });
    expect(await person.join()).toMatchObject({ lobby: false, self: { id: "person:a" } });
    const guest = await connect({ sub: "guest:g", room: "meeting-1", kind: "meeting", as: "guest", role: "guest", grants: guestGrants });
    expect(await guest.join()).toMatchObject({ lobby: false, self: { id: "guest:g" } });
  });
});
