import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { MediaMetrics } from "../observability/metrics.ts";

export interface HealthReport {
  status: "ok" | "draining";
  node: string;
  rooms: number;
  peers: number;
  workers: number;
}

export interface InternalApi {
  /** Bearer secret shared with the portal; null disables the internal API. */
  secret: string | null;
  closeRoom(roomId: string, reason: string): void;
}

/**
 * /health (JSON, 503 while draining), /metrics (Prometheus text) and the portal's internal API
 * (POST /internal/rooms/:id/close); socket.io attaches beside them.
 */
export function createHttpServer(health: () => Promise<HealthReport>, metrics: MediaMetrics, internal: InternalApi): http.Server {
  return http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://node");
    try {
      const close = /^\/internal\/rooms\/([\w:-]{1,100})\/close$/.exec(url.pathname);
      if (close && request.method === "POST") {
        if (!internal.secret || !bearerMatches(request.headers.authorization, internal.secret)) {
          response.writeHead(401, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { code: "unauthenticated", message: "wrong or missing secret" } }));
          return;
        }
        internal.closeRoom(close[1]!, "closed_by_portal");
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: true }));
        return;
      }
      if (url.pathname === "/health") {
        const report = await health();
        response.writeHead(report.status === "ok" ? 200 : 503, { "content-type": "application/json" });
        response.end(JSON.stringify(report));
        return;
      }
      if (url.pathname === "/metrics") {
        response.writeHead(200, { "content-type": metrics.registry.contentType });
        response.end(await metrics.registry.metrics());
        return;
      }
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
      return;
    }
    // socket.io answers its own path; everything else is not ours.
    if (!url.pathname.startsWith("/socket.io")) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
}

function bearerMatches(header: string | undefined, secret: string): boolean {
  const sent = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${secret}`);
  return sent.length === wanted.length && timingSafeEqual(sent, wanted);
}
