// The portal's HTTP server: Next's request handler behind node:http, instead of `next start`.
// `next start` sets X-Forwarded-For to the socket's address only when the client sent none, so a
// client could name any address for the login rate limit and the audit trail. Here the socket's
// peer is always appended as the last hop, like a proxy does; web/lib/http/request-info.ts walks
// the hops from there past TRUSTED_PROXIES. Usage: node scripts/portal-server.mjs <port>
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "web");
const app = next({ dir, dev: false, port });
await app.prepare();
const handle = app.getRequestHandler();

/** Next answers a path with invalid percent-encoding (%C0%AE) on an API route with a 500. */
function hasValidPath(url) {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

const server = http.createServer((req, res) => {
  if (!hasValidPath(req.url)) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end("Bad request: malformed percent-encoding in the path\n");
    return;
  }
  const peer = req.socket.remoteAddress ?? "";
  const sent = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = sent ? `${sent}, ${peer}` : peer;
  Promise.resolve(handle(req, res)).catch((error) => {
    // A request Next cannot even route (a malformed URL) is the client's fault, and must not
    // take the process down.
    console.error(`[portal] ${req.method} ${JSON.stringify(req.url)}: ${error?.message ?? error}`);
    if (!res.headersSent) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", connection: "close" });
      res.end("Bad request\n");
    } else res.destroy();
  });
});
server.listen(port, () => console.log(`[portal] listening on http://localhost:${port}`));
