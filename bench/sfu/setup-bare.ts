// Setup A's handle in the bench process: everything happens in bare-node.ts.
import type { BareNodeHandlers } from "./bare-node.ts";
import { ChildRpc } from "./rpc.ts";
import type { SfuSetup } from "./setup.ts";

export async function startBare(rtcMinPort: number, rtcMaxPort: number, nice: number): Promise<SfuSetup> {
  const rpc = new ChildRpc<BareNodeHandlers>(new URL("./bare-node.ts", import.meta.url), "bare node");
  await rpc.call("start", { rtcMinPort, rtcMaxPort, nice });
  return {
    name: "bare",
    build: (topology) => rpc.call("build", topology),
    cpu: () => rpc.call("cpu"),
    async teardown() {
      const { routersLeft } = await rpc.call("teardown");
      if (routersLeft > 0) throw new Error(`bare: ${routersLeft} router(s) left on the worker after teardown`);
    },
    async close() {
      await rpc.call("close");
      rpc.stop();
    },
  };
}
