import http from "node:http";
import type { MediaMetrics } from "../observability/metrics.ts";

export interface HealthReport {
  status: "ok" | "draining";
  node: string;
  rooms: number;
  peers: number;
  workers: number;
}

/** /health (JSON, 503 while draining) and /metrics (Prometheus text); socket.io attaches beside. */
export function createHttpServer(health: () => Promise<HealthReport>, metrics: MediaMetrics): http.Server {
  return http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://node");
    try {
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
