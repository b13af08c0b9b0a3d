import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * JSON lines on stdout (or `destination`); every line about a room or peer carries its ids as
 * fields. Stdout is written asynchronously: synchronous writes (pino's default) cost a system
 * call per line, several per join, on the event loop that also answers /health; asynchronous
 * ones gather the lines written while the previous write was under way. What is still buffered
 * is written when the process exits (the process guards exit on a crash).
 */
export function createLogger(level: string, nodeId: string, destination?: DestinationStream): Logger {
  const options = { level, base: { node: nodeId }, timestamp: pino.stdTimeFunctions.isoTime };
  if (destination) return pino(options, destination);
  if (level === "silent") return pino(options);
  const stdout = pino.destination({ dest: 1, sync: false });
  process.once("exit", () => {
    try {
      stdout.flushSync();
    } catch {
      // Nothing more can be done for a log line while the process ends.
    }
  });
  return pino(options, stdout);
}
