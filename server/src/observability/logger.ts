import { pino, type Logger } from "pino";

export type { Logger };

/** JSON lines on stdout; every line about a room or peer carries its ids as fields. */
export function createLogger(level: string, nodeId: string): Logger {
  return pino({ level, base: { node: nodeId }, timestamp: pino.stdTimeFunctions.isoTime });
}
