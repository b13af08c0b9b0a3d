// mediasoup reads MEDIASOUP_WORKER_BIN once, when its module loads: this module must be imported
// before anything that imports mediasoup. It defaults the variable to the worker that
// `npm run bootstrap` builds into the project's cache.
import { existsSync } from "node:fs";
import { MEDIASOUP_VERSION, mediasoupWorkerCachePath } from "../../scripts/bootstrap/mediasoup-worker.mjs";

if (!process.env.MEDIASOUP_WORKER_BIN) {
  const cached = mediasoupWorkerCachePath(MEDIASOUP_VERSION);
  if (!existsSync(cached)) {
    console.error(`No mediasoup worker: set MEDIASOUP_WORKER_BIN, or run \`npm run bootstrap\` to build ${cached}`);
    process.exit(1);
  }
  process.env.MEDIASOUP_WORKER_BIN = cached;
}
