// npm start — sets everything up on a fresh clone, then runs the portal on the embedded database.
import { bootstrap, ROOT_DIR } from "./bootstrap.mjs";
import { withLocalSecrets } from "./lib/local-secrets.mjs";
import { runPortal, stopWithParent } from "./lib/run-portal.mjs";

const started = Date.now();
const env = withLocalSecrets(ROOT_DIR, await bootstrap());
const port = Number(env.PORT ?? 3000);
try {
  const portal = await runPortal({ rootDir: ROOT_DIR, env, port });
  stopWithParent(portal);
  console.log(`[start] portal starting on http://localhost:${port} (set up in ${((Date.now() - started) / 1000).toFixed(1)} s); Ctrl-C stops it`);
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}
