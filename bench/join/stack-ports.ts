// The ports a bench's own portal and media node take (bench/join/stack.ts): each bench has its own
// defaults, apart from the other benches', the e2e server's and `npm start`'s.

export interface StackPortDefaults {
  port: string;
  mediaPort: string;
  rtcMinPort: string;
  rtcMaxPort: string;
}

/** --port, --media-port, --rtc-min-port and --rtc-max-port, for parseArgs. */
export function stackPortOptions(defaults: StackPortDefaults) {
  return {
    port: { type: "string", default: defaults.port },
    "media-port": { type: "string", default: defaults.mediaPort },
    "rtc-min-port": { type: "string", default: defaults.rtcMinPort },
    "rtc-max-port": { type: "string", default: defaults.rtcMaxPort },
  } as const;
}

/** Those options' values as startStack's ports. */
export function stackPorts(values: { port: string; "media-port": string; "rtc-min-port": string; "rtc-max-port": string }) {
  return { portalPort: Number(values.port), mediaPort: Number(values["media-port"]), rtcMinPort: Number(values["rtc-min-port"]), rtcMaxPort: Number(values["rtc-max-port"]) };
}
