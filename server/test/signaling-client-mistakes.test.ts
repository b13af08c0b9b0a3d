import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";

const opus = { mimeType: "audio/opus", payloadType: 111, clockRate: 48000, channels: 2 };
const vp8 = { mimeType: "video/VP8", payloadType: 96, clockRate: 90000 };

/**
 * A client's mistakes are the client's: each is a typed refusal, never `internal` with a stack
 * trace in the node's log.
 */
describe("client mistakes answered with typed errors (real worker)", () => {
  let fixture: NodeFixture;
  const logLines: string[] = [];
  const clients: TestClient[] = [];
  let rooms = 0;
  const joined = async (extra: Record<string, unknown> = {}) => {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub: `c${clients.length}`, room: `mistakes-${rooms++}`, ...extra }));
    clients.push(client);
    await client.join();
    return client;
  };
  const sendTransport = async (client: TestClient) => (await client.ok("createTransport", { direction: "send" })).id;

  beforeAll(async () => {
    fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "41000", MEDIA_RTC_MAX_PORT: "41899" }, { logLines });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await fixture?.stop();
  });

  it.each([
    ["a codec the room does not have", { ...vp8, mimeType: "video/AV1" }, "video", "camera"],
    ["a clock rate the room does not have", { ...opus, clockRate: 44100 }, "audio", "mic"],
    ["a channel count the room does not have", { ...opus, channels: 1 }, "audio", "mic"],
  ] as const)("produce with %s → unsupported_media", async (_name, codec, kind, source) => {
    const client = await joined();
    const transportId = await sendTransport(client);
    const answer = await client.request("produce", { transportId, kind, source, rtpParameters: { codecs: [codec], encodings: [{ ssrc: 1 }] } });
    expect(answer).toMatchObject({ ok: false, error: { code: "unsupported_media" } });
    client.close();
  });

  it("produce with an ssrc already in use → invalid_media; duplicate rids → invalid_media", async () => {
    const client = await joined();
    const transportId = await sendTransport(client);
    await client.ok("produce", { transportId, kind: "audio", source: "mic", rtpParameters: { mid: "0", codecs: [opus], encodings: [{ ssrc: 5 }] } });
    expect(await client.request("produce", { transportId, kind: "video", source: "camera", rtpParameters: { mid: "1", codecs: [vp8], encodings: [{ ssrc: 5 }] } })).toMatchObject({
      ok: false,
      error: { code: "invalid_media" },
    });
    expect(
      await client.request("produce", { transportId, kind: "video", source: "screen", rtpParameters: { codecs: [vp8], encodings: [{ rid: "r0" }, { rid: "r0" }] } }),
    ).toMatchObject({ ok: false, error: { code: "invalid_media" } });
    client.close();
  });

  it("connectTransport twice → invalid_state", async () => {
    const client = await joined();
    const transportId = await sendTransport(client);
    const dtlsParameters = { role: "client" as const, fingerprints: [{ algorithm: "sha-256" as const, value: "AB:".repeat(31) + "AB" }] };
    await client.ok("connectTransport", { transportId, dtlsParameters });
    expect(await client.request("connectTransport", { transportId, dtlsParameters })).toMatchObject({ ok: false, error: { code: "invalid_state" } });
    client.close();
  });

  it("RTC ports exhausted → node_busy", async () => {
    // Two RTC ports: each transport takes a UDP and a TCP one, so the third finds none.
    const small = await startMediaNode({ MEDIA_RTC_MIN_PORT: "41900", MEDIA_RTC_MAX_PORT: "41901" }, { logLines });
    const client = await TestClient.connect(small.url, await small.token({ sub: "p", room: "ports" }));
    try {
      await client.join();
      await client.ok("createTransport", { direction: "send" });
      await client.ok("createTransport", { direction: "recv" });
      expect(await client.request("createTransport", { direction: "recv" })).toMatchObject({ ok: false, error: { code: "node_busy" } });
    } finally {
      client.close();
      await small.stop();
    }
  });

  it("none of them logged an error", () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });
});
