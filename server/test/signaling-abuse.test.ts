import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "../src/protocol/errors.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("abuse limits: each refused with a typed error, the node stays up", () => {
  let fixture: NodeFixture;
  const logLines: string[] = [];
  beforeAll(async () => {
    fixture = await startMediaNode(
      { MEDIA_RTC_MIN_PORT: "41000", MEDIA_RTC_MAX_PORT: "41899", MEDIA_MAX_CONNECTIONS_PER_ADDRESS: "6", MEDIA_CORS_ORIGIN: "https://portal.example", MEDIA_HANDSHAKE_TIMEOUT_SECONDS: "2" },
      { logLines },
    );
  });
  afterAll(() => fixture?.stop());
  const client = async (sub: string) => TestClient.connect(fixture.url, await fixture.token({ sub, room: "abuse" }));

  it("refuses a flood of acknowledged requests with rate_limited beyond the burst, and still answers /health", async () => {
    const flooder = await client("flooder");
    try {
      const emit = flooder.socket.timeout(20_000).emitWithAck.bind(flooder.socket) as (name: string, payload: unknown) => Promise<Ack<unknown>>;
      const answers = await Promise.all(Array.from({ length: 400 }, () => emit("getRouterRtpCapabilities", {})));
      const served = answers.filter((a) => a.ok).length;
      const limited = answers.filter((a) => !a.ok && a.error.code === "rate_limited").length;
      expect(served + limited).toBe(400);
      // The burst (150) and what refilled while the flood arrived, not 400.
      expect(served).toBeGreaterThanOrEqual(150);
      expect(limited).toBeGreaterThan(100);
      expect((await fetch(`${fixture.url}/health`)).status).toBe(200);
    } finally {
      flooder.close();
    }
  });

  it("logs requests without an acknowledgement once per interval, not once each", async () => {
    const quiet = await client("no-acks");
    try {
      const before = logLines.length;
      for (let i = 0; i < 100; i++) quiet.socket.emit("leave", {});
      for (let i = 0; i < 5000; i++) quiet.socket.emit("getRouterRtpCapabilities" as never);
      const written = () => logLines.slice(before).filter((l) => /acknowledgement|rate limit/.test(l));
      await expect.poll(() => written().length, { timeout: 10_000 }).toBeGreaterThan(0);
      // Let the rest of the 5,100 arrive: still one line per kind and interval at most.
      await sleep(500);
      expect(written().length).toBeLessThanOrEqual(2);
    } finally {
      quiet.close();
    }
  });

  it("disconnects a connection that keeps flooding after being refused", async () => {
    const abuser = await client("abuser");
    const disconnected = new Promise((resolve) => abuser.socket.once("disconnect", resolve));
    for (let i = 0; i < 1000 && abuser.socket.connected; i++) abuser.socket.emit("leave", {}, () => undefined);
    expect(await disconnected).toBe("io server disconnect");
  });

  it("caps connections per address (limit_exceeded) and frees the place when one closes", async () => {
    const open = await Promise.all(Array.from({ length: 6 }, (_, i) => client(`many-${i}`)));
    await expect(client("one-too-many")).rejects.toThrow();
    open[0]!.close();
    await sleep(200);
    const again = await client("room-again");
    for (const c of [...open, again]) c.close();
    await sleep(200);
  });

  it("refuses a page from another origin; allows the portal's and origin-less clients", async () => {
    const token = await fixture.token({ sub: "origin", room: "abuse" });
    const attempt = (origin: string | undefined) =>
      new Promise<string>((resolve) => {
        const socket = io(fixture.url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true, ...(origin ? { extraHeaders: { origin } } : {}) });
        socket.once("connect", () => (socket.close(), resolve("connected")));
        socket.once("connect_error", () => (socket.close(), resolve("refused")));
      });
    expect(await attempt("https://evil.example")).toBe("refused");
    expect(await attempt("https://portal.example")).toBe("connected");
    expect(await attempt(undefined)).toBe("connected");
  });

  it("closes a connection that never authenticates within the handshake timeout", async () => {
    const socket = io(fixture.url, { auth: () => undefined, transports: ["websocket"], reconnection: false, forceNew: true });
    const started = Date.now();
    await new Promise((resolve) => socket.io.once("close", resolve));
    expect(Date.now() - started).toBeLessThan(10_000);
    socket.close();
  });

  it("closes a connection that sends an oversized message; the node stays up", async () => {
    const big = await client("big");
    const disconnected = new Promise((resolve) => big.socket.once("disconnect", resolve));
    big.socket.emit("join", { rtpCapabilities: { codecs: [], junk: "x".repeat(200_000) } }, () => undefined);
    await disconnected;
    expect((await fetch(`${fixture.url}/health`)).status).toBe(200);
  });
});
