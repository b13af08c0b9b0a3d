// The media node process: `npm run media -w server` (npm start runs it beside the portal).
import { loadMediaConfig } from "./config.ts";
import { MediaNode } from "./media-node.ts";
import { createLogger } from "./observability/logger.ts";
import { installProcessGuards } from "./observability/process-guards.ts";

let config;
try {
  config = loadMediaConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger(config.logLevel, config.nodeId);
installProcessGuards(logger);
const node = await MediaNode.start(config, logger);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    node
      .drain(signal === "SIGINT" ? 300 : 1000)
      .catch((error: unknown) => logger.error({ err: String(error) }, "drain failed"))
      .finally(() => process.exit(0));
  });
}
