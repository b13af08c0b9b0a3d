import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import { MediaError } from "../errors.ts";
import type { Logger } from "../observability/logger.ts";
import type { MediaMetrics } from "../observability/metrics.ts";
import { requestPath } from "./request-path.ts";

/** What /health tells anyone: up or draining, nothing about who is on the node. */
export interface PublicHealth {
  status: "ok" | "draining";
}

export interface HealthReport extends PublicHealth {
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
  /** A notice from the portal to everyone in the room (上级督察已进入). Throws like spotlight. */
  notice(roomId: string, request: unknown): void;
  /** Tells one peer the officer's mark (roll call). Throws like spotlight. */
  marked(roomId: string, request: unknown): void;
}

/**
 * /health (JSON, 503 while draining; details only with the metrics token), /metrics (Prometheus
 * text, bearer METRICS_TOKEN) and the portal's internal API (POST /internal/rooms/:id/close);
 * socket.io attaches beside them.
 */
export interface Observability {
  health: () => Promise<HealthReport>;
  metrics: MediaMetrics;
  /** Bearer token for /metrics and the detailed /health; null turns /metrics off. */
  token: string | null;
}

export function createHttpServer(observability: Observability, internal: InternalApi, logger: Logger): http.Server {
  const server = http.createServer((request, response) => {
    // Nothing a client sends may escape as an unhandled rejection: that used to end the process.
    route(request, response, observability, internal).catch((error: unknown) => {
      logger.warn({ err: String(error), method: request.method }, "HTTP request failed");
      if (!response.headersSent) sendJson(response, 500, { error: { code: "internal", message: "Internal error" } });
      else response.destroy();
    });
  });
  // Malformed request lines and headers never reach the handler: Node answers them with a 400
  // (431 for oversized headers) and closes; this keeps it so and logs nothing per packet.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || socket.destroyed) return socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  return server;
}

async function route(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  { health, metrics, token }: Observability,
  internal: InternalApi,
): Promise<void> {
  const pathname = requestPath(request.url);
  if (pathname === null) return sendJson(response, 400, { error: { code: "invalid_message", message: "Bad request target" } });
  const internalCall = /^\/internal\/rooms\/([\w:-]{1,100})\/(close|spotlight|notice|marked)$/.exec(pathname);
  if (internalCall && request.method === "POST") {
    if (!internal.secret || !bearerMatches(request.headers.authorization, internal.secret)) {
      return sendJson(response, 401, { error: { code: "unauthenticated", message: "wrong or missing secret" } });
    }
    const [, roomId, action] = internalCall;
    try {
      if (action === "close") internal.closeRoom(roomId!, "closed_by_portal");
      else if (action === "notice") internal.notice(roomId!, JSON.parse((await readBody(request)) || "{}"));
      else if (action === "marked") internal.marked(roomId!, JSON.parse((await readBody(request)) || "{}"));
      else internal.spotlight(roomId!, JSON.parse((await readBody(request)) || "{}"));
    } catch (error) {
      const code = error instanceof MediaError ? error.code : "invalid_message";
      return sendJson(response, code === "not_found" ? 404 : 400, { error: { code, message: (error as Error).message } });
    }
    return sendJson(response, 200, { ok: true });
  }
  const observer = token !== null && bearerMatches(request.headers.authorization, token);
  if (pathname === "/health") {
    const report = await health();
    const body: PublicHealth = observer ? report : { status: report.status };
    return sendJson(response, report.status === "ok" ? 200 : 503, body);
  }
  if (pathname === "/metrics") {
    if (token === null) return sendJson(response, 404, { error: { code: "not_found", message: "Metrics are off (METRICS_TOKEN is not set)" } });
    if (!observer) return sendJson(response, 401, { error: { code: "unauthenticated", message: "Metrics need the bearer token" } });
    response.writeHead(200, { "content-type": metrics.registry.contentType });
    response.end(await metrics.registry.metrics());
    return;
  }
  // socket.io answers its own path; everything else is not ours.
  if (!pathname.startsWith("/socket.io/")) sendJson(response, 404, { error: { code: "not_found", message: "Not found" } });
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
