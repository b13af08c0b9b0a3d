import fc from "fast-check";
import { ERROR_CODES, type Ack, type ErrorCode } from "../../src/protocol/errors.ts";
import { REQUESTS, type RequestName } from "../../src/protocol/requests.ts";
import type { NodeFixture } from "./media-node-fixture.ts";
import { TestClient } from "./test-client.ts";

// Generated signaling traffic for the property test (server/test/signaling-fuzz.test.ts) and its
// longer run (bench/signaling-fuzz/run.ts). Payloads are both schema-shaped (so they reach the
// domain code and the worker) and hostile (so they exercise validation).

const REQUEST_NAMES = Object.keys(REQUESTS) as RequestName[];

/** Placeholders resolved at send time to ids that exist then (transports come and go). */
type Ref = "$transport" | "$producer" | "$consumer" | "$peer" | "$self" | "$hostTransport";

export interface Command {
  name: string;
  /** `undefined` with `omit` sends no payload at all; `extra` sends a second argument. */
  payload: unknown;
  omit: boolean;
  extra: boolean;
}

const ref = (kind: Ref) => fc.oneof({ weight: 4, arbitrary: fc.constant(kind) }, fc.constantFrom("", "x", "t".repeat(64), "t".repeat(65), "__proto__"));
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const hex = fc.array(fc.constantFrom(..."0123456789ABCDEF:"), { maxLength: 95 }).map((c) => c.join(""));

const codec = fc.record(
  {
    mimeType: pick("audio/opus", "video/VP8", "video/H264", "video/AV1", "video/rtx", "audio/PCMU", "garbage", ""),
    payloadType: fc.integer({ min: -1, max: 128 }),
    clockRate: pick(48000, 90000, 44100, 8000, 1, 0),
    channels: maybe(fc.integer({ min: 0, max: 9 })),
    parameters: maybe(
      fc.record({ apt: maybe(fc.integer({ min: 0, max: 127 })), "profile-level-id": maybe(pick("42e01f", "640032", "zz")), "packetization-mode": maybe(pick(0, 1, 2)) }, { requiredKeys: [] }),
    ),
    rtcpFeedback: maybe(fc.array(fc.record({ type: pick("nack", "ccm", "goog-remb", ""), parameter: maybe(pick("pli", "fir", "")) }), { maxLength: 3 })),
  },
  { requiredKeys: ["mimeType", "payloadType", "clockRate"] },
);

const rtpParameters = fc.record(
  {
    mid: maybe(pick("0", "1", "2", "")),
    codecs: fc.array(codec, { minLength: 0, maxLength: 3 }),
    encodings: maybe(
      fc.array(
        fc.record(
          { ssrc: maybe(fc.integer({ min: 0, max: 20 })), rid: maybe(pick("r0", "r1", "r2", "")), scalabilityMode: maybe(pick("L1T3", "S3T3", "bogus")), maxBitrate: maybe(fc.integer({ min: 1, max: 1e7 })) },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    ),
    headerExtensions: maybe(fc.array(fc.record({ uri: pick("urn:ietf:params:rtp-hdrext:sdes:mid", "urn:3gpp:video-orientation", "x"), id: fc.integer({ min: -1, max: 300 }) }), { maxLength: 3 })),
    rtcp: maybe(fc.record({ cname: maybe(fc.string({ maxLength: 20 })), reducedSize: maybe(fc.boolean()) }, { requiredKeys: [] })),
  },
  { requiredKeys: ["codecs"] },
);

const dtlsParameters = fc.record({
  role: pick("auto", "client", "server", "both"),
  fingerprints: fc.array(fc.record({ algorithm: pick("sha-256", "sha-1", "sha-512", "md5"), value: hex }), { minLength: 0, maxLength: 2 }),
});

const source = pick("mic", "camera", "screen", "all", "speaker");
const layer = fc.integer({ min: -1, max: 3 });
const reason = fc.oneof(fc.string({ maxLength: 20 }), fc.constant("x".repeat(201)));

/** Payloads shaped like each request's schema, slightly off now and then. */
const SHAPED: Record<RequestName, fc.Arbitrary<unknown>> = {
  getRouterRtpCapabilities: fc.constant({}),
  join: fc.record({ rtpCapabilities: fc.oneof(fc.constant("$caps"), fc.constant({}), fc.record({ codecs: fc.array(codec, { maxLength: 2 }) })) }),
  createTransport: fc.record({ direction: pick("send", "recv", "both") }),
  // Issue 14: before its join the fuzzer may connect its own prepared transports, never the host's.
  connectTransport: fc.record({ transportId: fc.oneof({ weight: 3, arbitrary: ref("$transport") }, { weight: 1, arbitrary: fc.constant("$hostTransport") }), dtlsParameters }),
  restartIce: fc.record({ transportId: ref("$transport") }),
  produce: fc.record({ transportId: ref("$transport"), kind: pick("audio", "video", "data"), rtpParameters, source }),
  closeProducer: fc.record({ producerId: ref("$producer") }),
  setProducerPaused: fc.record({ producerId: ref("$producer"), paused: fc.boolean() }),
  resumeConsumer: fc.record({ consumerId: ref("$consumer") }),
  setConsumerPaused: fc.record({ consumerId: ref("$consumer"), paused: fc.boolean() }),
  setConsumerLayers: fc.record({ consumerId: ref("$consumer"), spatialLayer: layer, temporalLayer: maybe(layer) }, { requiredKeys: ["consumerId", "spatialLayer"] }),
  mutePeer: fc.record({ peerId: fc.oneof(ref("$peer"), ref("$self")), source }),
  removePeer: fc.record({ peerId: fc.oneof(ref("$peer"), ref("$self")), reason: maybe(reason) }, { requiredKeys: ["peerId"] }),
  lockRoom: fc.record({ locked: fc.boolean() }),
  admitPeer: fc.record({ peerId: ref("$peer") }),
  rejectPeer: fc.record({ peerId: ref("$peer"), reason }),
  closeRoom: fc.record({ reason }),
  unmutePeer: fc.record({ peerId: fc.oneof(ref("$peer"), ref("$self")), source }),
  sendNotice: fc.oneof(
    fc.record({ preset: pick("language", "topic", "conduct", "time", "camera", "identity", "bogus", "__proto__") }),
    fc.record({ text: fc.oneof(reason, fc.constant("x".repeat(121)), fc.constant("请注意\n换行"), fc.constant("\u202Eevil"), fc.constant("   ")) }),
    fc.record({ preset: pick("language"), text: fc.string({ maxLength: 5 }) }),
  ),
  terminateRoom: fc.record({ reason: fc.oneof(reason, fc.constant(""), fc.constant("   "), fc.constant("请遵守规定")) }, { requiredKeys: [] }),
  getRoomTime: fc.constant({}),
  leave: fc.constant({}),
  startRecording: fc.oneof(fc.constant({}), fc.constant({ extra: 1 })),
  stopRecording: fc.oneof(fc.constant({}), fc.constant({ extra: 1 })),
};

const deepNest = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** Keys that pollute a prototype when code merges objects carelessly (JSON.parse makes them own keys). */
const pollution = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"rtpCapabilities":{"__proto__":{"polluted":true},"codecs":[]}}',
  '{"transportId":"x","dtlsParameters":{"fingerprints":[{"algorithm":"sha-256","value":"x","__proto__":{"polluted":true}}]}}',
).map((json) => JSON.parse(json) as unknown);

/** Anything at all: wrong types, NaN, huge strings, deep nesting, prototype keys. */
const HOSTILE: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withSparseArray: true, withDate: true }),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, null, true, 0, "", [], Number.MAX_SAFE_INTEGER + 2),
  fc.integer({ min: 1000, max: 60_000 }).map((n) => "\u0000".repeat(8) + "x".repeat(n)),
  deepNest,
  pollution,
);

export const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...REQUEST_NAMES).chain((name) => fc.record({ name: fc.constant(name as string), payload: SHAPED[name], omit: fc.constant(false), extra: fc.constant(false) })) },
  { weight: 3, arbitrary: fc.record({ name: fc.constantFrom(...REQUEST_NAMES) as fc.Arbitrary<string>, payload: HOSTILE, omit: fc.boolean(), extra: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      // socket.io's client refuses to send its reserved names (connect, disconnect…), and its parser on the node drops them.
      name: fc.oneof(fc.string({ maxLength: 80 }), pick("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf")).filter((name) => !RESERVED.has(name)),
      payload: HOSTILE,
      omit: fc.constant(false),
      extra: fc.constant(false),
    }),
  },
);

const RESERVED = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);
const KNOWN_CODES = new Set<string>(ERROR_CODES);

export interface FuzzTally {
  requests: number;
  ok: number;
  byCode: Partial<Record<ErrorCode, number>>;
  /** Answers that are not `{ ok: true }` or a known, non-internal error code. */
  bad: Array<{ command: string; answer: unknown }>;
  reconnects: number;
}

/**
 * A room with a host (moderator, publishing) and a fuzzing peer (moderator too, so moderation
 * requests reach the room), rebuilt whenever a command ends it (closeRoom, removePeer of self).
 */
export class FuzzHarness {
  readonly tally: FuzzTally = { requests: 0, ok: 0, byCode: {}, bad: [], reconnects: 0 };
  private host?: TestClient;
  private fuzzer?: TestClient;
  private generation = 0;
  private left = false;
  private readonly ids = { $transport: [] as string[], $producer: [] as string[], $consumer: [] as string[] };

  constructor(private readonly fixture: NodeFixture) {}

  async run(command: Command): Promise<void> {
    const fuzzer = await this.ready();
    const payload = this.resolve(command.payload, fuzzer);
    const args = command.omit ? [] : command.extra ? [payload, { extra: true }] : [payload];
    let answer: unknown;
    try {
      answer = await (fuzzer.socket.timeout(10_000).emitWithAck as (name: string, ...args: unknown[]) => Promise<unknown>)(command.name, ...args);
    } catch (error) {
      // No answer: fine only if the command ended this connection (removed itself, closed the room).
      if (fuzzer.socket.connected) this.tally.bad.push({ command: describe(command), answer: String(error) });
      return;
    }
    this.tally.requests++;
    this.record(command, answer as Ack<Record<string, unknown>>, payload);
  }

  async close(): Promise<void> {
    this.host?.close();
    this.fuzzer?.close();
    this.host = this.fuzzer = undefined;
  }

  private record(command: Command, answer: Ack<Record<string, unknown>>, payload?: unknown): void {
    const foreign = command.name === "connectTransport" && (payload as { transportId?: unknown } | undefined)?.transportId === this.host?.recvTransport?.id;
    if (answer?.ok === true && foreign) {
      this.tally.bad.push({ command: `${describe(command)} (the host's transport)`, answer });
      return;
    }
    if (answer?.ok === true) {
      this.tally.ok++;
      const data = answer.data ?? {};
      if (command.name === "createTransport" && typeof data.id === "string") this.ids.$transport.push(data.id);
      if (command.name === "produce" && typeof data.producerId === "string") this.ids.$producer.push(data.producerId);
      // Out of the room: join again before the next command, so the rest still reach the room.
      if (command.name === "leave") this.left = true;
      return;
    }
    const code = answer?.ok === false ? answer.error?.code : undefined;
    if (!code || !KNOWN_CODES.has(code) || code === "internal") {
      this.tally.bad.push({ command: describe(command), answer });
      return;
    }
    this.tally.byCode[code] = (this.tally.byCode[code] ?? 0) + 1;
  }

  private async ready(): Promise<TestClient> {
    if (this.fuzzer?.socket.connected && this.host?.socket.connected) {
      if (this.left) {
        this.left = false;
        const rejoined = await this.fuzzer.request("join", { rtpCapabilities: this.fuzzer.device.rtpCapabilities as never });
        // A room the fuzzer locked or closed does not take it back: start over elsewhere.
        if (rejoined.ok) return this.fuzzer;
      } else return this.fuzzer;
    }
    await this.close();
    this.tally.reconnects++;
    const room = `fuzz-${++this.generation}`;
    const grants = { publish: true, subscribe: true, observe: false, moderate: true };
    // Every other room is timed and privileged (a lawyer's visit): the same commands meet its rules.
    const terms = this.generation % 2 === 0 ? { endsAt: Math.floor(Date.now() / 1000) + 3600, privileged: true } : {};
    this.host = await TestClient.connect(this.fixture.url, await this.fixture.token({ sub: "host", room, role: "staff", grants, ...terms }));
    await this.host.join();
    await this.host.openTransports();
    await this.host.produce("audio");
    await this.host.produce("video");
    this.left = false;
    this.fuzzer = await TestClient.connect(this.fixture.url, await this.fixture.token({ sub: "fuzzer", room, grants, ...terms }));
    // Every third room the fuzzer waits before joining (issue 14): its commands meet the
    // pre-join state, where transports are prepared for the join to adopt, until one is `join`.
    if (this.generation % 3 === 0) await this.fuzzer.loadDevice();
    else await this.fuzzer.join();
    this.ids.$transport = [];
    this.ids.$producer = [];
    this.ids.$consumer = [];
    this.fuzzer.socket.on("newConsumer", (offer: { consumerId: string }, ack: (r: unknown) => void) => {
      this.ids.$consumer.push(offer.consumerId);
      ack({ ok: true, data: {} });
    });
    return this.fuzzer;
  }

  private resolve(value: unknown, fuzzer: TestClient): unknown {
    if (typeof value === "string") {
      if (value === "$caps") return fuzzer.device.rtpCapabilities;
      if (value === "$peer") return "host";
      if (value === "$self") return "fuzzer";
      if (value === "$hostTransport") return this.host?.recvTransport?.id ?? "none-yet";
      if (value in this.ids) {
        const ids = this.ids[value as keyof typeof this.ids];
        return ids.length > 0 ? ids[ids.length - 1] : "none-yet";
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, fuzzer));
    // Shaped payloads are plain records; hostile ones stay exactly as generated.
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, "__proto__")) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v, fuzzer)]));
    }
    return value;
  }
}

function describe(command: Command): string {
  let payload: string;
  try {
    payload = JSON.stringify(command.payload) ?? String(command.payload);
  } catch {
    payload = String(command.payload);
  }
  return `${command.name.slice(0, 40)}(${payload.slice(0, 300)})${command.omit ? " [no payload]" : ""}${command.extra ? " [extra arg]" : ""}`;
}
