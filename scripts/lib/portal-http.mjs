// The portal's node:http server around Next's request handler (see scripts/portal-server.mjs).
import http from "node:http";

/**
 * Idle keep-alive sockets are kept longer than any client keeps them. Node's own client agent (and
 * so Playwright's request context and most scripts) drops an idle socket after 5 s, the same as
 * Node's server default: a request sent on a socket in the very millisecond the server closes it
 * dies with ECONNRESET, and a POST is never retried. CI lost a roll call's "end" that way. 65 s also
 * outlasts the 60 s idle timeout of the usual reverse proxies (nginx, cloud load balancers), which
 * must be the side that closes.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Next answers a path with invalid percent-encoding (%C0%AE) on an API route with a 500. */
function hasValidPath(url) {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

function refuse(res, message) {
  res.writeHead(400, { "content-type": "text/plain; charset=utf-8", connection: "close" });
  res.end(message);
}

/**
 * `next start` sets X-Forwarded-For to the socket's address only when the client sent none, so a
 * client could name any address for the login rate limit and the audit trail. Here the socket's
 * peer is always appended as the last hop, like a proxy does; web/lib/http/request-info.ts walks
 * the hops from there past TRUSTED_PROXIES.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} handle
 */
export function createPortalServer(handle) {
  const server = http.createServer((req, res) => {
    if (!hasValidPath(req.url)) return refuse(res, "Bad request: malformed percent-encoding in the path\n");
    const peer = req.socket.remoteAddress ?? "";
    const sent = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = sent ? `${sent}, ${peer}` : peer;
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error) => {
        // A request Next cannot even route (a malformed URL) is the client's fault, and must not
        // take the process down.
        console.error(`[portal] ${req.method} ${JSON.stringify(req.url)}: ${error?.message ?? error}`);
        if (!res.headersSent) refuse(res, "Bad request\n");
        else res.destroy();
      });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node 20 requires the header timeout to exceed the keep-alive one.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}
