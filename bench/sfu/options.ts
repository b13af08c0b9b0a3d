// Command-line flags of bench/sfu (see bench/README.md).
import { parseArgs } from "node:util";
import type { SrtpMode } from "./media-params.ts";

export interface BenchOptions {
  steps: number[];
  publishers: number;
  stepSeconds: number;
  rounds: number;
  warmupSeconds: number;
  settleSeconds: number;
  srtp: SrtpMode;
  receivers: number;
  receiver: "c" | "node";
  /** Simulcast encodings per publisher. */
  simulcast: number;
  /** Subscribers negotiate transport-cc (off with simulcast, or --no-bwe). */
  bwe: boolean;
  /** With transport-cc, the C receiver acknowledges every leg this often, as a browser does (0: never). */
  feedbackMs: number;
  /** UDP ports for the workers, split evenly between the setups. */
  rtcPorts: [number, number];
  setups: Array<"bare" | "platform">;
  scrapeSeconds: number;
  keepGoing: boolean;
  nice: number;
  quietWait: number;
  retries: number;
  /** --baseline: another checkout whose setups run beside ours (e.g. the previous mediasoup). */
  baselineDir?: string;
  baselineWorker?: string;
}

const DEFAULT_STEPS = [100, 200, 300, 500, 700, 1000, 1500, 2000, 3000];

export const USAGE = `npx tsx bench/sfu/run.ts [flags]
  --steps 100,200,…     consumer counts to ramp through (default ${DEFAULT_STEPS.join(",")})
  --max N               drop steps above N
  --publishers N        streams (one per publisher); consumers = publishers × subscribers (default 10)
  --step-seconds S      measured time per step and setup (default 10)
  --rounds N            split it into N windows, the setups alternating A B | B A … (default 2)
  --warmup-seconds S    each setup's media flows this long before its first window (default 3)
  --settle-seconds S    and this long after each switch before a window opens (default 1)
  --simulcast K         each publisher sends K simulcast encodings (same shape each, lowest first);
                        consumers take the lowest, as grid tiles do; subscribers then negotiate no
                        congestion control (they send no feedback). Default 1: one encoding
  --no-bwe              subscribers negotiate no congestion control with one encoding too (the
                        worker then keeps no send history that their missing feedback never empties)
  --feedback-ms N       with transport-cc, the C receiver sends each leg transport-cc feedback every
                        N ms as a browser does (default 100; 0 = none: the worker then keeps 60 s
                        of send history per leg, what the runs before 2026-12-03 measured)
  --srtp MODE           encryption of consumer legs: gcm (AEAD_AES_128_GCM, default), gcm256,
                        cm (AES_CM_128_HMAC_SHA1_80) or off (plain RTP)
  --receivers N         generator sockets receiving consumer legs (default 8)
  --receiver c|node     who reads them: a small C process with recvmmsg (default; built with cc
                        into the project cache on first use) or the generator's Node.js (one
                        callback per datagram, ≈ 10× the CPU: what runs before 2026-12-02 used)
  --setups bare,platform
  --rtc-ports LO-HI     UDP ports for the workers, split evenly between the setups (default
                        42000-49999; a shared machine: give each bench user its own range)
  --baseline DIR        also run each setup from DIR, another checkout of the project with its own
                        node_modules (e.g. the previous mediasoup version), interleaved with ours in
                        the same windows; its rows are named setup@<its mediasoup version>
  --baseline-worker P   that checkout's worker binary (default: the bootstrap cache's for its version)
  --scrape-seconds S    platform: GET /metrics every S s, as Prometheus would (default 15; 0 = never)
  --keep-going          do not stop when every setup has lost ≥ 1 % at a step
  --quiet-wait S        before each step, wait up to S s for other tenants to go quiet (default 60)
  --retries N           redo a step up to N times if other tenants were busy during it (default 2)
  --nice=N              raise the bench's priority (e.g. --nice=-10, needs root): workers, load
                        generator and this session's autogroup, so other tenants cannot starve them
                        (default 0: leave priorities alone)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      steps: { type: "string" },
      max: { type: "string" },
      publishers: { type: "string", default: "10" },
      "step-seconds": { type: "string", default: "10" },
      rounds: { type: "string", default: "2" },
      "warmup-seconds": { type: "string", default: "3" },
      "settle-seconds": { type: "string", default: "1" },
      srtp: { type: "string", default: "gcm" },
      receivers: { type: "string", default: "8" },
      receiver: { type: "string", default: "c" },
      simulcast: { type: "string", default: "1" },
      "no-bwe": { type: "boolean", default: false },
      "feedback-ms": { type: "string", default: "100" },
      "rtc-ports": { type: "string", default: "42000-49999" },
      setups: { type: "string", default: "bare,platform" },
      "scrape-seconds": { type: "string", default: "15" },
      "keep-going": { type: "boolean", default: false },
      nice: { type: "string", default: "0" },
      "quiet-wait": { type: "string", default: "60" },
      retries: { type: "string", default: "2" },
      baseline: { type: "string" },
      "baseline-worker": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${text}\n${USAGE}`);
    return n;
  };
  const max = values.max ? positive("max", values.max) : Infinity;
  const steps = (values.steps ? values.steps.split(",").map((s) => positive("steps", s)) : DEFAULT_STEPS).filter((n) => n <= max);
  if (!["gcm", "gcm256", "cm", "off"].includes(values.srtp)) throw new Error(`--srtp must be gcm, gcm256, cm or off\n${USAGE}`);
  if (values.receiver !== "c" && values.receiver !== "node") throw new Error(`--receiver must be c or node\n${USAGE}`);
  const rtcPorts = values["rtc-ports"].split("-").map(Number);
  if (rtcPorts.length !== 2 || !(rtcPorts[0]! > 1023 && rtcPorts[0]! < rtcPorts[1]! && rtcPorts[1]! < 65536)) {
    throw new Error(`--rtc-ports must be LO-HI, e.g. 47000-47499\n${USAGE}`);
  }
  const setups = values.setups.split(",").map((s) => s.trim());
  if (setups.some((s) => s !== "bare" && s !== "platform")) throw new Error(`--setups takes bare and/or platform\n${USAGE}`);
  return {
    steps: steps.length > 0 ? steps : [Math.floor(max)],
    publishers: Math.round(positive("publishers", values.publishers)),
    stepSeconds: positive("step-seconds", values["step-seconds"]),
    rounds: Math.round(positive("rounds", values.rounds)),
    warmupSeconds: Number(values["warmup-seconds"]),
    settleSeconds: Number(values["settle-seconds"]),
    srtp: values.srtp as SrtpMode,
    receivers: Math.round(positive("receivers", values.receivers)),
    receiver: values.receiver,
    simulcast: Math.min(3, Math.round(positive("simulcast", values.simulcast))),
    bwe: !values["no-bwe"] && Math.round(positive("simulcast", values.simulcast)) === 1,
    feedbackMs: Math.max(0, Number(values["feedback-ms"]) || 0),
    rtcPorts: rtcPorts as [number, number],
    setups: setups as Array<"bare" | "platform">,
    scrapeSeconds: Number(values["scrape-seconds"]),
    keepGoing: values["keep-going"],
    nice: Number(values.nice),
    quietWait: Number(values["quiet-wait"]),
    retries: Number(values.retries),
    baselineDir: values.baseline,
    baselineWorker: values["baseline-worker"],
  };
}
