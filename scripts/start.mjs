// npm start — sets everything up on a fresh clone, then runs the portal (embedded database) and
// a media node beside it.
import { bootstrapPortalFirst, explainFailure, ROOT_DIR } from "./bootstrap.mjs";
import { withLocalSecrets } from "./lib/local-secrets.mjs";
import { loneNodeEnv, loneNodeUnitFile } from "./lib/lone-node.mjs";
import { serviceEnv, setUpDatabase, startMediaNode, startPortal } from "./lib/services.mjs";
import { supervise } from "./lib/supervise.mjs";

const started = Date.now();
// The portal does not wait for the mediasoup worker (minutes on a fresh machine): its call pages
// say "video service starting" until the media node, started once the worker is built, answers.
const { env: bootstrapped, worker } = await bootstrapPortalFirst();
const base = withLocalSecrets(ROOT_DIR, bootstrapped);
const env = serviceEnv(base, { portalPort: Number(base.PORT ?? 3000), mediaPort: Number(base.MEDIA_PORT ?? 4443) });
try {
  await setUpDatabase({ rootDir: ROOT_DIR, env: { ...env, LONE_NODE_UNIT_FILE: loneNodeUnitFile(ROOT_DIR) } });
  // The media node registers with the portal under the top unit, with its own key (/admin/nodes).
  const nodeEnv = { ...env, ...loneNodeEnv(ROOT_DIR, env) };
  supervise([
    { name: "portal", start: () => startPortal({ rootDir: ROOT_DIR, env }) },
    // A failed worker build stops everything with the bootstrap's message, as before.
    { name: "media node", after: worker.catch((error) => Promise.reject(explainFailure(error) ? new Error("the mediasoup worker build failed") : error)), start: (workerBin) => startMediaNode({ rootDir: ROOT_DIR, env: { ...nodeEnv, MEDIASOUP_WORKER_BIN: workerBin } }) },
  ]);
  console.log(
    `[start] portal on http://localhost:${env.PORT}, media node on ${env.MEDIA_PUBLIC_URL} ` +
      `(set up in ${((Date.now() - started) / 1000).toFixed(1)} s); Ctrl-C stops both`,
  );
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}
