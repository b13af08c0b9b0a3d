// What the two setups under test have in common: each hosts one mediasoup worker in a child
// process of its own, builds a step's media on it, and reports CPU.
import type { SrtpMode } from "./media-params.ts";

export interface Topology {
  publishers: number;
  subscribers: number;
  srtp: SrtpMode;
  /** The load generator's receiving sockets: subscriber i's leg goes to port i mod n. */
  receiverPorts: number[];
}

export interface BuiltStep {
  /** Where each publisher's RTP goes (the worker's port of its plain transport). */
  publisherTargets: Array<{ ssrc: number; port: number }>;
  /** The SSRC mediasoup gave each consumer: the receivers count packets per SSRC. */
  consumerSsrcs: number[];
}

/** Cumulative CPU times in ms: the worker (and its kernel share) and its host Node.js process. */
export interface CpuReading {
  workerMs: number;
  workerSysMs: number;
  nodeMs: number;
}

export interface SfuSetup {
  readonly name: "bare" | "platform";
  build(topology: Topology): Promise<BuiltStep>;
  cpu(): Promise<CpuReading>;
  /** What a deployment does periodically while media flows (a Prometheus scrape), if anything. */
  periodic?(): Promise<void>;
  /** Closes the step's media; fails if anything is left on the worker. */
  teardown(): Promise<void>;
  close(): Promise<void>;
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);
