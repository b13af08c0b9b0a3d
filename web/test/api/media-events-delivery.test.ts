import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import client from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { createLogger } from "../../../server/src/observability/logger.ts";
import { PortalReporter, type MediaEvent } from "../../../server/src/portal-client/portal-reporter.ts";
import { ReportOutbox } from "../../../server/src/recording/report-outbox.ts";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { TestClient } from "../../../server/test/support/test-client.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { startInternalApiServer } from "../support/internal-api-server.ts";

// Issue 10: what a media node tells the portal (joins, leaves, notices, closes) is never lost nor
// stored twice. The node gives each event an id and keeps it in its outbox (RECORDINGS_DIR/.outbox)
// until the portal acknowledges it; the portal stores an id once. An event the portal refuses is set
// aside (.outbox/dead) with the answer and the queue goes on. Real media node (real worker, real
// socket.io), the portal's real internal API over HTTP on the real database; the portal stopped,
// started, and put behind a relay that loses answers or answers 503.

const SECRET = process.env.PORTAL_INTERNAL_SECRET!;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The portal as the node sees it through a bad network: each request is passed to `upstream`,
 * but the first `drop` answers are lost (the portal did the work; the node hears nothing) and the
 * first `fail` requests get a 503 without reaching it.
 */
async function relay(port: number, upstream: string, { drop = 0, fail = 0 }: { drop?: number; fail?: number }) {
  let requests = 0;
  const server = http.createServer(async (req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (fail > 0) {
      fail--;
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"code":"busy","message":"restarting"}}');
      return;
    }
    const answer = await fetch(new URL(req.url!, upstream), { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const body = Buffer.from(await answer.arrayBuffer());
    if (drop > 0) {
      drop--;
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("node events reach the portal once and in order", () => {
  let db: Database;
  let officer: ApiClient;
  let dir: string;
  const nodes: NodeFixture[] = [];
  const closers: Array<() => Promise<void>> = [];

  const eventsOf = (room: string) => db.prisma.roomEvent.findMany({ where: { roomId: room, node: { not: null } }, orderBy: { id: "asc" } });
  const outboxKeys = () =>
    readdirSync(path.join(dir, ".outbox"))
      .filter((name) => name.endsWith(".json"))
      .map((name) => name.slice(0, -5))
      .sort();

  beforeAll(async () => {
    db = await useSeededDatabase();
    officer = await ApiClient.signIn("gm.officer");
    dir = mkdtempSync(path.join(os.tmpdir(), "yg-events-"));
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop().catch(() => {});
    for (const close of closers) await close().catch(() => {});
    await closeDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps them through a portal outage and a node restart, then stores each once, in order, though answers are lost", async () => {
    const room = (await officer.call("createRoom", { body: { title: "门户停机时的进出记录" } })).body.id as string;
    const port = await freePort();
    const startNode = async () => {
      const node = await startMediaNode({ PORTAL_URL: `http://127.0.0.1:${port}`, PORTAL_INTERNAL_SECRET: SECRET, RECORDINGS_DIR: dir, MEDIA_RTC_MIN_PORT: "43300", MEDIA_RTC_MAX_PORT: "43399" });
      nodes.push(node);
      return node;
    };
    /** People join and leave one after another: a join and a leave each. */
    const comeAndGo = async (node: NodeFixture, who: string[]) => {
      for (const sub of who) {
        const person = await TestClient.connect(node.url, await node.token({ sub, room }));
        await person.join();
        await person.ok("leave", {});
        person.close();
      }
    };

    // The portal is down: the first node's events wait on its disk, and it stops with them there.
    const first = await startNode();
    await comeAndGo(first, ["guest:1", "guest:2", "guest:3"]);
    await expect.poll(() => outboxKeys().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await first.stop();
    nodes.pop();
    const fromFirst = outboxKeys();

    // The next run sends what the first left, ahead of its own events (still no portal).
    const second = await startNode();
    expect(second.node.reporter.pending).toBe(fromFirst.length);
    await comeAndGo(second, ["guest:4", "guest:5"]);
    // The room empties and closes on the node (1 s grace): that is reported too. Then every event
    // the node queued is on its disk.
    await expect.poll(() => second.node.rooms.get(room), { timeout: 10_000 }).toBeUndefined();
    await expect.poll(() => outboxKeys().length, { timeout: 10_000 }).toBe(second.node.reporter.pending);
    const expected = outboxKeys();
    expect(expected.length).toBeGreaterThanOrEqual(fromFirst.length + 5);
    const written = expected.map((key) => JSON.parse(readFileSync(path.join(dir, ".outbox", `${key}.json`), "utf8")) as { id: string; type: string; identity?: string });
    expect(expected.slice(0, fromFirst.length)).toEqual(fromFirst);
    expect(written.filter((e) => e.type === "peer.joined").map((e) => e.identity)).toEqual(["guest:1", "guest:2", "guest:3", "guest:4", "guest:5"]);
    expect(await eventsOf(room)).toHaveLength(0);

    // The portal comes back behind a link that loses its first answer (the node retries a batch
    // the portal already stored). Retries are 10 s apart by now (the backoff's ceiling).
    const portal = await startInternalApiServer();
    closers.push(portal.close);
    const link = await relay(port, portal.url, { drop: 1 });
    closers.push(link.close);
    await expect.poll(async () => (await eventsOf(room)).length, { timeout: 30_000, interval: 250 }).toBe(expected.length);
    await expect.poll(() => outboxKeys().length, { timeout: 25_000, interval: 250 }).toBe(0);
    const rows = await eventsOf(room);
    // Once each, stored in the order they happened (the table's own insertion order).
    expect(rows.map((r) => r.eventId)).toEqual(written.map((e) => e.id));
    expect(rows.map((r) => r.type)).toEqual(written.map((e) => e.type));
    expect(link.requests()).toBeGreaterThanOrEqual(2);
    expect(second.node.reporter.pending).toBe(0);
  }, 120_000);

  it("sets a refused event aside with the portal's answer and goes on; a 503 is retried, never set aside", async () => {
    const room = (await officer.call("createRoom", { body: { title: "被拒的报告" } })).body.id as string;
    const outboxDir = mkdtempSync(path.join(os.tmpdir(), "yg-dead-"));
    closers.push(async () => rmSync(outboxDir, { recursive: true, force: true }));
    const port = await freePort();
    const portal = await startInternalApiServer();
    closers.push(portal.close);
    // The first three posts get 503 (a portal restarting): retried with backoff, nothing set aside.
    const link = await relay(port, portal.url, { fail: 3 });
    closers.push(link.close);
    const outbox = new ReportOutbox(outboxDir, createLogger("silent", "n-dead"));
    const registry = new client.Registry();
    const reporter = new PortalReporter({ url: `http://127.0.0.1:${port}`, secret: SECRET }, "n-dead", createLogger("silent", "n-dead"), outbox);
    reporter.instrument(registry);
    closers.push(() => reporter.close(0));

    const at = () => new Date().toISOString();
    const joined = (identity: string, inRoom = room): MediaEvent => ({ type: "peer.joined", room: inRoom, identity, name: identity, role: "guest", at: at() });
    // A notice whose text has a line break: the portal's schema refuses it (400), and so the batch.
    const refused: MediaEvent = { type: "room.notice", room, identity: "user:1", preset: null, text: "第一行\n第二行", at: at() };
    for (const event of [joined("guest:a"), refused, joined("guest:b"), joined("guest:x", "no-such-room"), joined("guest:c")]) reporter.report(event);

    await expect.poll(() => reporter.pending, { timeout: 30_000, interval: 100 }).toBe(0);
    await reporter.close(0);
    expect((await eventsOf(room)).map((r) => r.identity)).toEqual(["guest:a", "guest:b", "guest:c"]);
    const dead = await outbox.deadLetters();
    expect(dead.map((d) => [d.event.type, d.refusal.status])).toEqual([
      ["room.notice", 400],
      ["peer.joined", 200],
    ]);
    expect(dead[0]!.refusal.answer).toMatchObject({ error: { code: "invalid_input" } });
    expect(dead[0]!.event).toMatchObject({ text: "第一行\n第二行", node: "n-dead" });
    expect(dead[1]!.refusal.answer).toEqual({ skipped: "unknown_room" });
    expect(dead[1]!.event).toMatchObject({ room: "no-such-room", identity: "guest:x" });
    // Out of the queue and out of the outbox: nothing is left to resend at the next start.
    expect(await outbox.pending()).toEqual([]);
    const metric = await registry.getSingleMetricAsString("media_portal_events_dead_total");
    expect(metric).toContain('media_portal_events_dead_total{type="room.notice"} 1');
    expect(metric).toContain('media_portal_events_dead_total{type="peer.joined"} 1');
    expect(link.requests()).toBeGreaterThanOrEqual(3 + 1 + 5);
  }, 60_000);

  it("sends an event for a room the portal does not have yet again a little later (the console joins while the open commits)", async () => {
    const outboxDir = mkdtempSync(path.join(os.tmpdir(), "yg-early-"));
    closers.push(async () => rmSync(outboxDir, { recursive: true, force: true }));
    const portal = await startInternalApiServer();
    closers.push(portal.close);
    const outbox = new ReportOutbox(outboxDir, createLogger("silent", "n-early"));
    const reporter = new PortalReporter({ url: portal.url, secret: SECRET }, "n-early", createLogger("silent", "n-early"), outbox);
    closers.push(() => reporter.close(0));
    // A roll call's room as the console names it before the open: its id exists on the node only.
    const early = randomUUID();
    reporter.report({ type: "peer.joined", room: early, identity: "user:officer", name: "民警", role: "staff", at: new Date().toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(reporter.pending).toBe(1);
    // The open commits: the room row appears with that id.
    const template = await db.prisma.room.findFirstOrThrow({ select: { unitId: true, createdById: true } });
    await db.prisma.room.create({ data: { id: early, kind: "rollcall", title: "提前加入", ...template } });
    await expect.poll(() => reporter.pending, { timeout: 10_000, interval: 100 }).toBe(0);
    expect((await eventsOf(early)).map((r) => r.identity)).toEqual(["user:officer"]);
    expect(await outbox.deadLetters()).toEqual([]);
    expect(await outbox.pending()).toEqual([]);
  }, 30_000);
});
