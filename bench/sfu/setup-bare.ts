// Setup A's handle in the bench process: everything happens in bare-node.ts.
import type { BareNodeHandlers } from "./bare-node.ts";
import { ChildRpc } from "./rpc.ts";
import { childModule, type Baseline, type SfuSetup } from "./setup.ts";

export async function startBare(rtcMinPort: number, rtcMaxPort: number, nice: number, baseline?: Baseline): Promise<SfuSetup> {
  const name = baseline ? `bare@${baseline.version}` : "bare";
  const { url, env } = childModule("bare-node.ts", baseline);
  const rpc = new ChildRpc<BareNodeHandlers>(url, `${name} node`, env);
  await rpc.call("start", { rtcMinPort, rtcMaxPort, nice });
  return {
    name,
    build: (topology) => rpc.call("build", topology),
    cpu: () => rpc.call("cpu"),
    // A --baseline checkout's bare-node.ts may predate this call.
    ...(baseline ? {} : { estimates: () => rpc.call("estimates") }),
    async teardown() {
      const { routersLeft } = await rpc.call("teardown");
      if (routersLeft > 0) throw new Error(`${name}: ${routersLeft} router(s) left on the worker after teardown`);
    },
    async close() {
      await rpc.call("close");
      rpc.stop();
    },
  };
}
