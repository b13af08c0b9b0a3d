// What the two setups under test have in common: each hosts one mediasoup worker in a child
// process of its own, builds a step's media on it, and reports CPU.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SrtpMode } from "./media-params.ts";

export interface Topology {
  publishers: number;
  subscribers: number;
  srtp: SrtpMode;
  /**
   * Simulcast encodings per publisher (1 = one encoding). With more, every consumer asks for the
   * lowest (as our grid tiles do) and the subscribers negotiate no congestion control (see
   * consumerRtpCapabilities), in both setups alike.
   */
  layers: number;
  /** Subscribers negotiate congestion control (transport-cc) as browsers do; false with simulcast. */
  bwe: boolean;
  /** The load generator's receiving sockets: subscriber i's leg goes to port i mod n. */
  receiverPorts: number[];
}

/** One subscriber leg as its receiver must answer it: transport-cc feedback to the worker's port. */
export interface FeedbackLeg {
  workerPort: number;
  /** The key the worker decrypts the leg's RTCP with (none: plain RTCP). */
  srtp?: { cryptoSuite: string; keyBase64: string };
  twccExtensionId: number;
}

export interface BuiltStep {
  /** Where each publisher's RTP goes (the worker's port of its plain transport). */
  publisherTargets: Array<{ ssrc: number; port: number }>;
  /** The SSRC mediasoup gave each consumer: the receivers count packets per SSRC. */
  consumerSsrcs: number[];
  /** Legs negotiated with transport-cc (none without it). */
  feedbackLegs: FeedbackLeg[];
}

/** Cumulative CPU times in ms: the worker (and its kernel share) and its host Node.js process. */
export interface CpuReading {
  workerMs: number;
  workerSysMs: number;
  nodeMs: number;
}

/**
 * Another checkout of the project (e.g. the previous mediasoup version, with its own
 * node_modules): its bench/sfu child modules run the setup, against its own worker binary.
 */
export interface Baseline {
  dir: string;
  workerBin: string;
  version: string;
}

export interface SfuSetup {
  /** "bare" or "platform", with "@<mediasoup version>" for a --baseline checkout's. */
  readonly name: string;
  build(topology: Topology): Promise<BuiltStep>;
  cpu(): Promise<CpuReading>;
  /** The worker's send-side estimate over the subscriber legs (bare only: it holds them itself). */
  estimates?(): Promise<{ medianKbps: number; minKbps: number; rtcpBytesIn: number }>;
  /** What a deployment does periodically while media flows (a Prometheus scrape), if anything. */
  periodic?(): Promise<void>;
  /** Closes the step's media; fails if anything is left on the worker. */
  teardown(): Promise<void>;
  close(): Promise<void>;
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A setup's child module: ours, or the baseline checkout's own, spawning the baseline's worker. */
export function childModule(file: string, baseline?: Baseline): { url: URL; env?: Record<string, string> } {
  if (!baseline) return { url: new URL(`./${file}`, import.meta.url) };
  return {
    url: pathToFileURL(path.join(baseline.dir, "bench", "sfu", file)),
    env: { MEDIASOUP_WORKER_BIN: baseline.workerBin },
  };
}
