import { Device, FakeHandler, testFakeParameters, type types } from "mediasoup-client";
import { FakeMediaStreamTrack } from "fake-mediastreamtrack";
import { io, type Socket } from "socket.io-client";
import type { Ack } from "../../src/protocol/errors.ts";
import type { EventName, EventPayload } from "../../src/protocol/events.ts";
import type { RequestName, RequestPayload, RequestResult } from "../../src/protocol/requests.ts";

type Received = { event: string; payload: any };

/**
 * A signaling client for integration tests: real socket.io, and mediasoup-client's own Device on
 * its FakeHandler (no browser), so produce/consume go through the real client library.
 */
export class TestClient {
  readonly received: Received[] = [];
  readonly device = new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) });
  sendTransport?: types.Transport;
  recvTransport?: types.Transport;
  readonly consumers = new Map<string, types.Consumer>();
  private waiters: Array<{ test: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  // The server offers consumers as soon as the receiving transport exists on its side, which can
  // be before our side has built it from the ack: offers wait for it.
  private recvReady!: (transport: types.Transport) => void;
  private readonly recvTransportReady = new Promise<types.Transport>((resolve) => (this.recvReady = resolve));

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => this.record({ event, payload }));
    socket.on("newConsumer", async (payload: EventPayload<"newConsumer">, ack: (r: unknown) => void) => {
      try {
        const transport = await this.recvTransportReady;
        const consumer = await transport.consume({
          id: payload.consumerId,
          producerId: payload.producerId,
          kind: payload.kind,
          rtpParameters: payload.rtpParameters as unknown as types.RtpParameters,
          appData: { peerId: payload.peerId },
        });
        this.consumers.set(consumer.id, consumer);
        ack({ ok: true, data: {} });
      } catch (error) {
        ack({ ok: false, error: { code: "internal", message: String(error) } });
      }
    });
  }

  static connect(url: string, token: unknown): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
      socket.once("connect", () => resolve(new TestClient(socket)));
      socket.once("connect_error", (error: Error & { data?: unknown }) => reject(error));
    });
  }

  async request<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<Ack<RequestResult<K>>> {
    return this.socket.timeout(10_000).emitWithAck(name, payload);
  }

  /** The request's data, or a thrown error naming the code. */
  async ok<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<RequestResult<K>> {
    const response = await this.request(name, payload);
    if (!response.ok) throw new Error(`${name} refused: ${response.error.code} ${response.error.message}`);
    return response.data;
  }

  waitFor<K extends EventName>(event: K, test: (payload: EventPayload<K>) => boolean = () => true, timeoutMs = 10_000): Promise<EventPayload<K>> {
    const already = this.received.find((r) => r.event === event && test(r.payload));
    if (already) return Promise.resolve(already.payload);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
      this.waiters.push({
        test: (r) => r.event === event && test(r.payload),
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r.payload);
        },
      });
    });
  }

  /** getRouterRtpCapabilities → load → join; returns the join result. */
  async join() {
    await this.loadDevice();
    return this.ok("join", { rtpCapabilities: this.device.rtpCapabilities as unknown as Record<string, unknown> });
  }

  /** The room's capabilities into the device (what a join screen does before the click). */
  async loadDevice(): Promise<void> {
    const { rtpCapabilities } = await this.ok("getRouterRtpCapabilities", {});
    if (!this.device.loaded) await this.device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
  }

  async openTransports({ send = true, recv = true } = {}): Promise<void> {
    if (recv) {
      this.recvTransport = await this.transport("recv");
      this.recvReady(this.recvTransport);
    }
    if (send) this.sendTransport = await this.transport("send");
  }

  async produce(kind: "audio" | "video"): Promise<types.Producer> {
    const track = new FakeMediaStreamTrack({ kind });
    return this.sendTransport!.produce({
      track: track as unknown as MediaStreamTrack,
      appData: { source: kind === "audio" ? "mic" : "camera" },
      ...(kind === "video" ? { encodings: [{ maxBitrate: 100_000 }, { maxBitrate: 300_000 }, { maxBitrate: 900_000 }] } : {}),
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private async transport(direction: "send" | "recv"): Promise<types.Transport> {
    const info = await this.ok("createTransport", { direction });
    const options = info as unknown as types.TransportOptions;
    const transport = direction === "send" ? this.device.createSendTransport(options) : this.device.createRecvTransport(options);
    transport.on("connect", ({ dtlsParameters }, done, fail) => {
      this.ok("connectTransport", { transportId: transport.id, dtlsParameters: dtlsParameters as never }).then(() => done(), fail);
    });
    transport.on("produce", ({ kind, rtpParameters, appData }, done, fail) => {
      this.ok("produce", { transportId: transport.id, kind, rtpParameters: rtpParameters as never, source: appData.source as "mic" | "camera" })
        .then(({ producerId }) => done({ id: producerId }), fail);
    });
    return transport;
  }

  private record(received: Received): void {
    this.received.push(received);
    const matched = this.waiters.filter((w) => w.test(received));
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const w of matched) w.resolve(received);
  }
}
