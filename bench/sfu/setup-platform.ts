// Setup B, "platform": our media node (platform-node.ts, a child process) with every participant a
// socket.io client in this process that authenticates with a signed join token, joins and
// produces through our protocol. Consumers are made by our Room (its fan-out on `produce`),
// offered with `newConsumer` and resumed with `resumeConsumer`. Only the transports are made
// differently: see plain-leg.ts.
import { ed25519PemKeyPair } from "../../scripts/lib/ed25519-pem.mjs";
import { signJoinToken } from "../../web/lib/media/sign-join-token.ts";
import type { Grants } from "../../server/src/protocol/join-token.ts";
import { produceCameraLeg } from "./camera-leg.ts";
import type { PlatformNodeHandlers } from "./platform-node.ts";
import { ChildRpc } from "./rpc.ts";
import { childModule, range, type Baseline, type BuiltStep, type FeedbackLeg, type SfuSetup } from "./setup.ts";
import { SignalingClient } from "./signaling-client.ts";

const SUBSCRIBER: Grants = { publish: false, subscribe: true, observe: false, moderate: false };
const PUBLISHER: Grants = { publish: true, subscribe: true, observe: false, moderate: false };
const BUILD_TIMEOUT_MS = 120_000;

export async function startPlatform(rtcMinPort: number, rtcMaxPort: number, nice: number, baseline?: Baseline): Promise<SfuSetup> {
  const name = baseline ? `platform@${baseline.version}` : "platform";
  const { publicKey, privateKey } = ed25519PemKeyPair();
  const { url: moduleUrl, env } = childModule("platform-node.ts", baseline);
  const rpc = new ChildRpc<PlatformNodeHandlers>(moduleUrl, `${name} node`, env);
  // Grace 1 s, not 0: with 0 a new room's empty timer fired before its first join finished, and
  // every join of the step was refused with room_closed.
  const { url, metricsToken } = await rpc.call("start", { publicKey, rtcMinPort, rtcMaxPort, nice, emptyGraceSeconds: 1 });
  let clients: SignalingClient[] = [];
  let room = "";
  let steps = 0;

  const connect = async (sub: string, grants: Grants) =>
    SignalingClient.connect(url, await signJoinToken(privateKey, { room, sub, name: sub, role: "participant", grants }));


  return {
    name,
    async build({ publishers, subscribers, srtp, layers, bwe, receiverPorts }): Promise<BuiltStep> {
      const join = (client: SignalingClient) => client.join(bwe);
      room = `bench-${++steps}`;
      const expected = publishers * subscribers;
      let resumed = 0;
      let finish!: () => void;
      const allResumed = new Promise<void>((resolve) => (finish = resolve));
      const timeout = setTimeout(() => finish(), BUILD_TIMEOUT_MS);

      // Subscribers first, with their receiving legs, so that each `produce` fans out to all.
      const subs = await Promise.all(range(subscribers).map((i) => connect(`sub-${i}`, SUBSCRIBER)));
      clients = [...subs];
      for (const client of subs) client.onResumed = () => ++resumed === expected && finish();
      await Promise.all(subs.map(join));
      const legs = await Promise.all(
        subs.map((_, i) => rpc.call("attachLeg", { room, peer: `sub-${i}`, direction: "recv", srtp, port: receiverPorts[i % receiverPorts.length]! })),
      );
      const feedbackLegs: FeedbackLeg[] = legs.flatMap((leg, i) => {
        const twcc = subs[i]!.twccExtensionId;
        return twcc === undefined ? [] : [{ workerPort: leg.localPort, twccExtensionId: twcc, ...(leg.srtp ? { srtp: leg.srtp } : {}) }];
      });

      const pubs = await Promise.all(range(publishers).map((i) => connect(`pub-${i}`, PUBLISHER)));
      clients.push(...pubs);
      const publisherTargets: BuiltStep["publisherTargets"] = [];
      for (const [i, client] of pubs.entries()) {
        await join(client);
        publisherTargets.push(...(await produceCameraLeg(client, rpc, { room, peer: `pub-${i}`, srtp, layers })));
      }

      await allResumed;
      clearTimeout(timeout);
      const failure = subs.find((c) => c.failure)?.failure;
      if (failure) throw failure;
      if (resumed < expected) throw new Error(`${name}: ${resumed} of ${expected} consumers resumed in ${BUILD_TIMEOUT_MS / 1000} s`);
      return { publisherTargets, consumerSsrcs: subs.flatMap((c) => c.consumerSsrcs), feedbackLegs };
    },
    cpu: () => rpc.call("cpu"),
    async periodic() {
      // What Prometheus does (its default timeout is 10 s): /metrics walks every room, peer and
      // transport (getStats).
      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`/metrics: ${response.status}`);
      await response.text();
    },
    async teardown() {
      await Promise.all(clients.map((c) => c.ok("leave", {}).catch(() => {})));
      for (const c of clients) c.close();
      clients = [];
      // The empty room closes after its 1 s grace, and with it its router.
      let closed = false;
      for (let waited = 0; !closed && waited < 5000; waited += 250) {
        ({ closed } = await rpc.call("roomClosed", { room }));
        if (!closed) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const { count } = await rpc.call("routers");
      if (!closed || count > 0) throw new Error(`${name}: room ${room} still open or ${count} router(s) left after teardown`);
    },
    async close() {
      await rpc.call("close");
      rpc.stop();
    },
  };
}
