// A synthetic participant's signaling: real socket.io and our protocol, no media library. It
// takes every consumer offered (ack) and resumes it, as the web client does.
import type { types } from "mediasoup";
import { io, type Socket } from "socket.io-client";
import type { Ack } from "../../server/src/protocol/errors.ts";
import type { EventPayload } from "../../server/src/protocol/events.ts";
import type { RequestName, RequestPayload, RequestResult } from "../../server/src/protocol/requests.ts";
import { consumerRtpCapabilities, twccExtensionId } from "./media-params.ts";

export class SignalingClient {
  /** SSRCs of the consumers this client has resumed. */
  readonly consumerSsrcs: number[] = [];
  onResumed: (() => void) | undefined;
  failure: Error | undefined;
  /** The transport-cc header extension it declared in `join`, if it negotiated congestion control. */
  twccExtensionId: number | undefined;

  private constructor(readonly socket: Socket) {
    socket.on("newConsumer", (payload: EventPayload<"newConsumer">, ack: (response: unknown) => void) => {
      ack({ ok: true, data: {} });
      const ssrc = (payload.rtpParameters as { encodings?: Array<{ ssrc?: number }> }).encodings?.[0]?.ssrc;
      this.ok("resumeConsumer", { consumerId: payload.consumerId }).then(
        () => {
          if (ssrc !== undefined) this.consumerSsrcs.push(ssrc);
          this.onResumed?.();
        },
        (error: Error) => (this.failure = error),
      );
    });
  }

  static connect(url: string, token: string): Promise<SignalingClient> {
    return new Promise((resolve, reject) => {
      const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
      socket.once("connect", () => resolve(new SignalingClient(socket)));
      socket.once("connect_error", reject);
    });
  }

  async ok<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<RequestResult<K>> {
    const response = (await this.socket.timeout(30_000).emitWithAck(name, payload)) as Ack<RequestResult<K>>;
    if (!response.ok) throw new Error(`${name} refused: ${response.error.code} ${response.error.message}`);
    return response.data;
  }

  /** What the web client does before it has media: capabilities, then join with its own. */
  async join(bwe = true): Promise<RequestResult<"join">> {
    const { rtpCapabilities } = await this.ok("getRouterRtpCapabilities", {});
    const caps = consumerRtpCapabilities(rtpCapabilities as unknown as types.RtpCapabilities, bwe);
    this.twccExtensionId = twccExtensionId(caps);
    return this.ok("join", { rtpCapabilities: caps as unknown as RequestPayload<"join">["rtpCapabilities"] });
  }

  close(): void {
    this.socket.disconnect();
  }
}
