// The bench's handle on its load generator child (loadgen.ts).
import type { LoadgenHandlers } from "./loadgen.ts";
import { ChildRpc } from "./rpc.ts";
import type { FeedbackLeg } from "./setup.ts";

export class Loadgen {
  private constructor(
    private readonly rpc: ChildRpc<LoadgenHandlers>,
    readonly receiverPorts: number[],
  ) {}

  /** `receiver`: count the consumer legs in the C receiver (default) or in Node.js. */
  static async start(receivers: number, nice: number, receiver: "c" | "node" = "c"): Promise<Loadgen> {
    const rpc = new ChildRpc<LoadgenHandlers>(new URL("./loadgen.ts", import.meta.url), "loadgen");
    const { ports } = await rpc.call("init", { receivers, nice, receiver });
    return new Loadgen(rpc, ports);
  }

  addGroup = (group: string, streams: Array<{ ssrc: number; port: number }>, clipFile?: string) =>
    this.rpc.call("addGroup", { group, streams, ...(clipFile ? { clipFile } : {}) });
  activate = (group: string | null) => this.rpc.call("activate", { group });
  feedback = (legs: FeedbackLeg[], intervalMs: number) => this.rpc.call("feedback", { legs, intervalMs });
  removeGroups = () => this.rpc.call("removeGroups");
  mark = (ssrcs: number[]) => this.rpc.call("mark", { ssrcs });
  count = () => this.rpc.call("count");
  reset = () => this.rpc.call("reset");
  stop = () => this.rpc.stop();
}
