import type { Logger } from "./logger.ts";

/**
 * Last line of defence for the node process. A stray rejection is a bug to log loudly, not a
 * reason to drop every call on the node (and, under `npm start`, the portal with it): the
 * rejected promise's work is already over, so the rest of the state is intact. An uncaught
 * exception is different: it unwound a synchronous call half-way and the state is unknown, so
 * it is logged and the process exits for its supervisor to restart it.
 */
export function installProcessGuards(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason instanceof Error ? reason.stack : String(reason) }, "unhandled promise rejection (kept running)");
  });
  process.on("uncaughtException", (error, origin) => {
    logger.fatal({ err: error.stack ?? String(error), origin }, "uncaught exception; exiting");
    logger.flush?.();
    exit(1);
  });
}
