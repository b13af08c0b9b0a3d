import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import { MediaError } from "../errors.ts";
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
  /** Throws MediaError not_found when the room or the peer is not here. */
  spotlight(roomId: string, request: unknown): void;
}

/**
 * /health (JSON, 503 while draining), /metrics (Prometheus text) and the portal's internal API
 * (POST /internal/rooms/:id/close); socket.io attaches beside them.
 */
export function createHttpServer(health: () => Promise<HealthReport>, metrics: MediaMetrics, internal: InternalApi): http.Server {
  return http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://node");
    try {
      const internalCall = /^\/internal\/rooms\/([\w:-]{1,100})\/(close|spotlight)$/.exec(url.pathname);
      if (internalCall && request.method === "POST") {
        if (!internal.secret || !bearerMatches(request.headers.authorization, internal.secret)) {
          return sendJson(response, 401, { error: { code: "unauthenticated", message: "wrong or missing secret" } });
        }
        const [, roomId, action] = internalCall;
        try {
          if (action === "close") internal.closeRoom(roomId!, "closed_by_portal");
          else internal.spotlight(roomId!, JSON.parse((await readBody(request)) || "{}"));
        } catch (error) {
          const code = error instanceof MediaError ? error.code : "invalid_message";
          return sendJson(response, code === "not_found" ? 404 : 400, { error: { code, message: (error as Error).message } });
        }
        return sendJson(response, 200, { ok: true });
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

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 16_384) throw new MediaError("invalid_message", "body too large");
  }
  return body;
}

function bearerMatches(header: string | undefined, secret: string): boolean {
  const sent = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${secret}`);
  return sent.length === wanted.length && timingSafeEqual(sent, wanted);
}
