import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { freePort, PortalInbox } from "./support/portal-inbox.ts";
import { TestClient } from "./support/test-client.ts";

// Issue 14: an officer's console prepares its transports in the room its roll call will have,
// before the open. Left without 开始点名, that room closes on the node when they go; it never
// existed for the portal, so its closing is not reported (it would be set aside as an event of
// an unknown room). A room somebody joined is reported closed as before.

const officerGrants = { publish: true, subscribe: true, observe: false, moderate: true };

describe("a room only prepared in is not reported closed (real worker, real socket.io)", () => {
  let fixture: NodeFixture;
  let inbox: PortalInbox;

  beforeAll(async () => {
    inbox = new PortalInbox(await freePort());
    await inbox.start();
    fixture = await startMediaNode({
      MEDIA_RTC_MIN_PORT: "43500",
      MEDIA_RTC_MAX_PORT: "43999",
      MEDIA_ROOM_EMPTY_GRACE_SECONDS: "1",
      PORTAL_URL: `http://127.0.0.1:${inbox.port}`,
      PORTAL_INTERNAL_SECRET: PortalInbox.SECRET,
    });
  });
  afterAll(async () => {
    await fixture?.stop();
    await inbox?.stop();
  });

  const officer = async (room: string) =>
    TestClient.connect(fixture.url, await fixture.token({ sub: "user:officer", room, kind: "rollcall", role: "staff", grants: officerGrants }));
  const closedRooms = () => inbox.events.filter((e) => e.type === "room.closed").map((e) => e.room);

  it("reports the joined room's closing and not the abandoned console's, which closed first", async () => {
    const abandoned = await officer("rc-abandoned");
    await abandoned.loadDevice();
    await abandoned.openTransports();
    abandoned.close();
    await expect.poll(() => fixture.node.rooms.get("rc-abandoned"), { timeout: 8000, interval: 100 }).toBeUndefined();

    const started = await officer("rc-started");
    await started.loadDevice();
    await started.openTransports();
    await started.join();
    started.close();

    // Node events reach the portal in order: had the first room's closing been reported, it
    // would be here before the second's.
    await expect.poll(closedRooms, { timeout: 20_000, interval: 250 }).toContain("rc-started");
    expect(closedRooms()).not.toContain("rc-abandoned");
    expect(inbox.events.filter((e) => e.room === "rc-abandoned")).toEqual([]);
  }, 40_000);
});
