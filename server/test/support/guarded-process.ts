// A process with the media node's process guards, that misbehaves as asked
// (`rejection` or `exception`): server/test/process-guards.test.ts watches it from outside.
import { createLogger } from "../../src/observability/logger.ts";
import { installProcessGuards } from "../../src/observability/process-guards.ts";

installProcessGuards(createLogger("info", "guarded"));
if (process.argv[2] === "rejection") void Promise.reject(new Error("stray rejection"));
else setTimeout(() => {
  throw new Error("stray exception");
}, 10);
setTimeout(() => console.log("still running"), 300);
