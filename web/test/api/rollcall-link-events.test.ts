import { decodeJwt } from "jose";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { GET } from "@/app/api/v1/r/[token]/events/route";
import type { Database } from "@/lib/db/open-database";
import { MAX_STREAMS_PER_LINK, openStreamCount } from "@/lib/rollcalls/link-events/stream-limits";
import { ROLLCALL_CHANGED } from "@/lib/rollcalls/link-events/signal-change";
import { SWEEP_MS } from "@/lib/rollcalls/link-events/watch-roll-calls";
import { ZLinkEvent, type LinkEvent } from "@/lib/schemas/rollcall-link-events";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, times, TIMES } from "../support/concurrency.ts";
import { demoFixtures } from "../support/fixtures.ts";

/**
 * The waiting link's push channel (GET /api/v1/r/{token}/events): the officer's opening reaches
 * the waiting page by NOTIFY, not by the page's poll; another roll call's opening does not; a
 * link that stops working is told so and the stream ends; one address cannot hold 100 streams.
 */

/** An open stream, read event by event. */
class EventReader {
  private buffer = "";
  private readonly decoder = new TextDecoder();
  readonly events: LinkEvent[] = [];
  ended = false;
  private waiters: Array<() => void> = [];

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    void this.pump();
  }

  private async pump() {
    const reader = this.response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      this.buffer += this.decoder.decode(value, { stream: true });
      let cut;
      while ((cut = this.buffer.indexOf("\n\n")) >= 0) {
        const block = this.buffer.slice(0, cut);
        this.buffer = this.buffer.slice(cut + 2);
        const data = block.split("\n").find((line) => line.startsWith("data: "));
        if (data) this.events.push(ZLinkEvent.parse(JSON.parse(data.slice(6))));
      }
      this.wake();
    }
    this.ended = true;
    this.wake();
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `test` holds for the events so far (or the stream ends), at most `ms`. */
  async until(test: (events: LinkEvent[]) => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!test(this.events) && !this.ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, Math.max(1, deadline - Date.now()));
      });
    }
    return test(this.events);
  }

  close() {
    this.abort.abort();
  }
}

const open: EventReader[] = [];

async function stream(token: string, address = "203.0.113.7", cookie?: string): Promise<EventReader | Response> {
  const abort = new AbortController();
  const request = new Request(`http://portal.test/api/v1/r/${encodeURIComponent(token)}/events`, {
    headers: { host: "portal.test", "x-forwarded-for": address, ...(cookie ? { cookie } : {}) },
    signal: abort.signal,
  });
  const response = await GET(request, { params: Promise.resolve({ token }) });
  if (response.status !== 200) return response;
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = new EventReader(response, abort);
  open.push(reader);
  return reader;
}

async function mustStream(token: string, address?: string, cookie?: string): Promise<EventReader> {
  const result = await stream(token, address, cookie);
  if (result instanceof EventReader) return result;
  throw new Error(`stream refused: ${result.status} ${await result.text()}`);
}

const states = (events: LinkEvent[]) => events.filter((e) => e.type === "state").map((e) => (e.type === "state" ? e.link.rollCall.state : null));
const isLive = (events: LinkEvent[]) => states(events).includes("live");

describe.each(ENGINES)("a waiting personal link's event stream (%s)", (engine) => {
  let db: Database;
  let officer: ApiClient;
  let fixtures: Awaited<ReturnType<typeof demoFixtures>>;

  async function newRollCall(title: string) {
    const created = await officer.call("createRollCall", {
      body: { title, unitId: fixtures.unit("荷城司法所"), startsAt: new Date(Date.now() + 60_000).toISOString(), graceMinutes: 5, personIds: fixtures.hcPersonIds },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.items[0].id;
    const detail = (await officer.call("getRollCall", { params: { id } })).body;
    return { id, entries: detail.entries.map((e: { id: string; link: string }) => ({ entryId: e.id, token: e.link.replace(/^\/r\//, "") })) as Array<{ entryId: string; token: string }> };
  }

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    fixtures = await demoFixtures(db);
    officer = await ApiClient.signIn("hc.officer");
  });
  afterEach(() => {
    for (const reader of open.splice(0)) reader.close();
  });
  afterAll(() => closeDatabase());

  it("sends the link's state at once, then live when the officer opens the call, well before any poll or sweep", async () => {
    const rollCall = await newRollCall("推送测试");
    const reader = await mustStream(rollCall.entries[0]!.token);
    expect(await reader.until((events) => events.length > 0, 5000)).toBe(true);
    expect(reader.events[0]).toMatchObject({ type: "state", link: { rollCall: { title: "推送测试", state: "scheduled" }, verified: false } });
    // Nothing personal: the same fields as GET /r/{token}.
    expect(JSON.stringify(reader.events[0])).not.toMatch(/name|idLast4|personId/);

    // Let the stream's LISTEN settle, then open: the notification, not the sweep, must carry it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const openedAt = Date.now();
    expect((await officer.call("openRollCall", { params: { id: rollCall.id } })).status).toBe(200);
    expect(await reader.until(isLive, SWEEP_MS * 2)).toBe(true);
    // Generous for a loaded machine; the sweep alone would take up to SWEEP_MS.
    expect(Date.now() - openedAt).toBeLessThan(SWEEP_MS - 1000);
  });

  it("pushes the join token with live only to the browser holding the link's ticket (its cookie from /verify), equal to POST /join's", async () => {
    const rollCall = await newRollCall("推送令牌");
    const [a, b] = rollCall.entries;
    const ticketCookie = async (entry: { entryId: string; token: string }) => {
      const { person } = await db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry.entryId }, include: { person: true } });
      const verified = await new ApiClient().call("verifyRollCallLink", { params: { token: entry.token }, body: { idLast4: person.idLast4 } });
      expect(verified.status).toBe(200);
      const cookie = verified.headers.getSetCookie().find((c) => c.startsWith("ygav_link_ticket="))!;
      // Only the link's own event stream receives it, never script.
      expect(cookie).toMatch(new RegExp(`Path=/api/v1/r/${entry.token}/events`, "i"));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      return { cookie: cookie.split(";")[0]!, ticket: verified.body.ticket as string };
    };
    const mine = await ticketCookie(a!);
    const theirs = await ticketCookie(b!);
    const holder = await mustStream(a!.token, "203.0.113.8", mine.cookie);
    const nobody = await mustStream(a!.token, "203.0.113.9");
    const wrongTicket = await mustStream(a!.token, "203.0.113.10", theirs.cookie.replace(/=.*/, `=${theirs.ticket}`));
    for (const reader of [holder, nobody, wrongTicket]) expect(await reader.until((events) => events.length > 0, 5000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await officer.call("openRollCall", { params: { id: rollCall.id } })).status).toBe(200);
    for (const reader of [holder, nobody, wrongTicket]) expect(await reader.until(isLive, SWEEP_MS * 2)).toBe(true);

    const liveOf = (reader: EventReader) => reader.events.find((e) => e.type === "state" && e.link.rollCall.state === "live");
    const pushed = liveOf(holder);
    expect(pushed?.type === "state" && pushed.grant).toBeTruthy();
    const joined = await new ApiClient().call("joinRollCallByLink", { params: { token: a!.token }, body: { ticket: mine.ticket } });
    const claims = (token: string) => {
      const { exp: _e, iat: _i, ...rest } = decodeJwt(token);
      return rest;
    };
    if (pushed?.type !== "state" || !pushed.grant) throw new Error("no grant pushed");
    expect(claims(pushed.grant.token)).toEqual(claims(joined.body.token));
    // No ticket, or another link's: the news without a token (and nothing personal in it).
    for (const reader of [nobody, wrongTicket]) {
      const event = liveOf(reader);
      expect(event && "grant" in event).toBe(false);
      expect(JSON.stringify(event)).not.toMatch(/name|idLast4|personId|token/);
    }
    // A stream opened after the call went live brings the token in its first event.
    const late = await mustStream(a!.token, "203.0.113.11", mine.cookie);
    expect(await late.until((events) => events.length > 0, 5000)).toBe(true);
    expect(late.events[0]).toMatchObject({ type: "state", link: { rollCall: { state: "live" } }, grant: { room: { kind: "rollcall" } } });
  });

  it("tells a link of another roll call nothing about this one", async () => {
    const mine = await newRollCall("本次点名");
    const other = await newRollCall("另一次点名");
    const watching = await mustStream(mine.entries[0]!.token);
    const bystander = await mustStream(other.entries[0]!.token);
    expect(await bystander.until((events) => events.length > 0, 5000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await officer.call("openRollCall", { params: { id: mine.id } });
    expect(await watching.until(isLive, SWEEP_MS * 2)).toBe(true);
    // Past one sweep: the other link is still waiting and was sent nothing new.
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS + 500));
    expect(states(bystander.events)).toEqual(["scheduled"]);
  });

  it("refuses a forged, malformed, revoked or ended link before streaming, with the same answers as the link page", async () => {
    const rollCall = await newRollCall("拒绝测试");
    const [a, b, c] = rollCall.entries;
    // Another entry's id with this link's signature: not a link at all.
    const forged = `${b!.token.split(".")[0]}.${a!.token.split(".")[1]}`;
    const forgedAnswer = (await stream(forged)) as Response;
    expect(forgedAnswer.status).toBe(404);
    expect(((await stream("not-a-token")) as Response).status).toBe(400);

    await officer.call("revokeRollCallLink", { params: { id: rollCall.id, entryId: c!.entryId }, body: { reissue: false } });
    const revoked = (await stream(c!.token)) as Response;
    expect(revoked.status).toBe(409);
    expect((await revoked.json()).error.fields).toEqual({ link: "revoked" });

    await officer.call("openRollCall", { params: { id: rollCall.id } });
    await officer.call("endRollCall", { params: { id: rollCall.id } });
    const ended = (await stream(a!.token)) as Response;
    expect(ended.status).toBe(409);
    expect((await ended.json()).error.fields).toEqual({ link: "ended" });
    expect(openStreamCount()).toBe(0);
  });

  it("says refused and ends the stream when the link is withdrawn while the person waits", async () => {
    const rollCall = await newRollCall("撤回测试");
    const entry = rollCall.entries[0]!;
    const reader = await mustStream(entry.token);
    expect(await reader.until((events) => events.length > 0, 5000)).toBe(true);
    await officer.call("revokeRollCallLink", { params: { id: rollCall.id, entryId: entry.entryId }, body: { reissue: true } });
    expect(await reader.until((events) => events.some((e) => e.type === "refused"), SWEEP_MS * 3)).toBe(true);
    expect(reader.events.at(-1)).toEqual({ type: "refused", error: { code: "not_found", fields: {} } });
    await reader.until(() => reader.ended, 2000);
    expect(reader.ended).toBe(true);
  });

  it(`holds at most ${MAX_STREAMS_PER_LINK} of ${TIMES} streams opened at once for one link from one address, and frees every slot`, async () => {
    const rollCall = await newRollCall("并发连接");
    const token = rollCall.entries[0]!.token;
    const results = await times(TIMES, () => stream(token));
    const accepted = results.filter((r): r is EventReader => r instanceof EventReader);
    const refused = results.filter((r): r is Response => r instanceof Response);
    expect(accepted).toHaveLength(MAX_STREAMS_PER_LINK);
    expect(countOf(refused, 429)).toBe(TIMES - MAX_STREAMS_PER_LINK);
    expect(openStreamCount()).toBe(MAX_STREAMS_PER_LINK);
    for (const reader of accepted) reader.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(openStreamCount()).toBe(0);
    // Another link from the same address is not starved by the first one's refusals.
    const other = await mustStream(rollCall.entries[1]!.token);
    expect(await other.until((events) => events.length > 0, 5000)).toBe(true);
  });

  if (engine === "postgres") {
    it("hears a change committed by another portal process (another connection's NOTIFY)", async () => {
      const rollCall = await newRollCall("跨进程");
      const reader = await mustStream(rollCall.entries[0]!.token);
      expect(await reader.until((events) => events.length > 0, 5000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A second portal process: its own connection, its own transaction, its own NOTIFY.
      const [{ name }] = (await db.sql.query<{ name: string }>("SELECT current_database() AS name")) as [{ name: string }];
      const other = new pg.Client({ connectionString: inject("postgresUrl").replace(/\/postgres$/, `/${name}`) });
      await other.connect();
      try {
        const { id: createdById } = await db.prisma.user.findUniqueOrThrow({ where: { username: "hc.officer" } });
        const room = await db.prisma.room.create({ data: { kind: "rollcall", title: "跨进程", unitId: fixtures.unit("荷城司法所"), createdById } });
        const startedAt = Date.now();
        await other.query("BEGIN");
        await other.query(`UPDATE "RollCall" SET state = 'live', "roomId" = $1, "openedAt" = now() WHERE id = $2`, [room.id, rollCall.id]);
        await other.query("SELECT pg_notify($1, $2)", [ROLLCALL_CHANGED, rollCall.id]);
        await other.query("COMMIT");
        expect(await reader.until(isLive, SWEEP_MS * 2)).toBe(true);
        expect(Date.now() - startedAt).toBeLessThan(SWEEP_MS - 1000);
      } finally {
        await other.end();
      }
    });
  }
});
