import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { encodeClip, plainProducer, sendClip, type Clip } from "../../../server/test/support/rtp-source.ts";
import { TestClient } from "../../../server/test/support/test-client.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { startInternalApiServer } from "../support/internal-api-server.ts";

// Issue 10, "reports must never be lost": a track's file that closes while the portal is down is
// reported when the portal is back — by the same node (retries), and by the node's next run when
// it stopped first (the outbox on its disk). Real media node (real worker, real GStreamer), the
// portal's real internal API over HTTP on the real database, the portal stopped and started.

const SECRET = process.env.PORTAL_INTERNAL_SECRET!;
const moderator = { publish: true, subscribe: true, observe: false, moderate: true };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("recording.closed reports survive a portal that is down", () => {
  let db: Database;
  let roomId: string;
  let port: number;
  let dir: string;
  let clips: string;
  let clip: Clip;
  const nodes: NodeFixture[] = [];
  const portals: Array<{ close(): Promise<void> }> = [];

  const startNode = async () => {
    const node = await startMediaNode({ PORTAL_URL: `http://127.0.0.1:${port}`, PORTAL_INTERNAL_SECRET: SECRET, RECORDINGS_DIR: dir, MEDIA_RTC_MIN_PORT: "43200", MEDIA_RTC_MAX_PORT: "43299" });
    nodes.push(node);
    return node;
  };
  /** The recording reports in the outbox (the room's joins and leaves wait there too). */
  const outbox = () =>
    readdirSync(path.join(dir, ".outbox"))
      .filter((name) => name.endsWith(".json"))
      .filter((name) => {
        try {
          return (JSON.parse(readFileSync(path.join(dir, ".outbox", name), "utf8")) as { type: string }).type === "recording.closed";
        } catch {
          return false; // delivered (removed) between the listing and the read
        }
      });
  const stored = () => db.prisma.recording.findMany({ where: { roomId }, orderBy: { sequence: "asc" } });

  /** One file recorded in the room and closed: its report goes to the outbox. */
  async function recordOneFile(fixture: NodeFixture, ssrc: number) {
    const host = await TestClient.connect(fixture.url, await fixture.token({ sub: "host", room: roomId, role: "staff", grants: moderator }));
    try {
      await host.join();
      const live = fixture.node.rooms.get(roomId)!;
      const cam = await plainProducer(live, live.findPeer("host")!, "video", "camera", ssrc);
      await host.ok("startRecording", {});
      await expect.poll(() => [...fixture.node.recordings.of(live).trackRecorders()].filter((t) => t.isWriting).length, { timeout: 15_000 }).toBe(1);
      await sendClip(clip, cam, ssrc).done;
      await host.ok("stopRecording", {});
    } finally {
      host.close();
    }
  }

  beforeAll(async () => {
    db = await useSeededDatabase();
    const officer = await ApiClient.signIn("gm.officer");
    roomId = (await officer.call("createRoom", { body: { title: "门户停机时的录像" } })).body.id;
    port = await freePort();
    dir = mkdtempSync(path.join(os.tmpdir(), "yg-outbox-"));
    clips = mkdtempSync(path.join(os.tmpdir(), "yg-outbox-clips-"));
    clip = encodeClip(clips, "video", 4);
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop().catch(() => {});
    for (const portal of portals) await portal.close().catch(() => {});
    await closeDatabase();
    rmSync(dir, { recursive: true, force: true });
    rmSync(clips, { recursive: true, force: true });
  });

  it("the node keeps the report while the portal is down and delivers it when the portal is back", async () => {
    const fixture = await startNode();
    await recordOneFile(fixture, 8101);
    await expect.poll(outbox, { timeout: 10_000 }).toHaveLength(1);
    // The portal is down: nothing arrived, and the node still holds the report (it did not give up).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await stored()).toHaveLength(0);
    expect(fixture.node.reporter.pending).toBeGreaterThanOrEqual(1);

    const portal = await startInternalApiServer(port);
    portals.push(portal);
    // Retries back off to 10 s at most.
    await expect.poll(async () => (await stored()).length, { timeout: 20_000, interval: 250 }).toBe(1);
    const [row] = await stored();
    expect(row).toMatchObject({ endReason: "stopped", clockRate: 90000, node: "test-node" });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(outbox, { timeout: 5000 }).toHaveLength(0);
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.stored", targetId: row!.id } })).toBe(1);
    await portal.close();
    portals.pop();
    await fixture.stop();
    nodes.pop();
  }, 90_000);

  it("a node stopped before the portal came back sends the report from its disk when it starts again, stored once", async () => {
    const first = await startNode();
    await recordOneFile(first, 8102);
    await expect.poll(outbox, { timeout: 10_000 }).toHaveLength(1);
    const kept = outbox()[0]!;
    // The node stops with the report undelivered (what was in memory is gone with it).
    await first.stop();
    nodes.pop();
    expect(outbox()).toEqual([kept]);
    expect(await stored()).toHaveLength(1);

    const second = await startNode();
    expect(second.node.reporter.pending).toBeGreaterThanOrEqual(1);
    const portal = await startInternalApiServer(port);
    portals.push(portal);
    await expect.poll(async () => (await stored()).length, { timeout: 20_000, interval: 250 }).toBe(2);
    await expect.poll(outbox, { timeout: 5000 }).toHaveLength(0);
    const rows = await stored();
    expect(new Set(rows.map((r) => r.file)).size).toBe(2);
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.stored", targetId: { in: rows.map((r) => r.id) } } })).toBe(2);
  }, 90_000);
});
