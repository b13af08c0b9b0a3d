// The portal's HTTP server: Next's request handler behind node:http (scripts/lib/portal-http.mjs),
// instead of `next start`. Usage: node scripts/portal-server.mjs <port>
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { createPortalServer } from "./lib/portal-http.mjs";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "web");
const app = next({ dir, dev: false, port });
await app.prepare();
const server = createPortalServer(app.getRequestHandler());
server.listen(port, () => console.log(`[portal] listening on http://localhost:${port}`));
