import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** JSON lines on stdout (or `destination`); every line about a room or peer carries its ids as fields. */
export function createLogger(level: string, nodeId: string, destination?: DestinationStream): Logger {
  const options = { level, base: { node: nodeId }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
