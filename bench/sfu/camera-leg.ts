// A joined signaling client's camera, produced over a PlainTransport leg (plain-leg.ts, the one
// bypass): both benchmarks publish synthetic VP8 this way.
import type { RequestPayload } from "../../server/src/protocol/requests.ts";
import type { SrtpMode } from "./media-params.ts";
import { producerRtpParameters, randomSsrc } from "./media-params.ts";
import type { PlatformNodeHandlers } from "./platform-node.ts";
import type { ChildRpc } from "./rpc.ts";
import type { SignalingClient } from "./signaling-client.ts";

/** Where the load generator must send this camera's RTP, and with which SSRC (one per simulcast layer). */
export async function produceCameraLeg(
  client: SignalingClient,
  node: ChildRpc<PlatformNodeHandlers>,
  { room, peer, srtp, layers = 1 }: { room: string; peer: string; srtp: SrtpMode; layers?: number },
): Promise<Array<{ ssrc: number; port: number }>> {
  const leg = await node.call("attachLeg", { room, peer, direction: "send", srtp });
  const ssrcs = Array.from({ length: layers }, () => randomSsrc());
  await client.ok("produce", {
    transportId: leg.transportId,
    kind: "video",
    rtpParameters: producerRtpParameters(ssrcs) as unknown as RequestPayload<"produce">["rtpParameters"],
    source: "camera",
  });
  return ssrcs.map((ssrc) => ({ ssrc, port: leg.localPort }));
}
