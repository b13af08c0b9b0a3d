import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { JoinTokenVerifier } from "../auth/verify-join-token.ts";
import { MediaError } from "../errors.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../protocol/socket-types.ts";
import type { JoinClaims } from "../protocol/join-token.ts";
import { proxyMatcher } from "../net/trusted-proxies.ts";
import { ConnectionAdmission } from "./connection-admission.ts";
import { registerMediaHandlers } from "./media-handlers.ts";
import { gateRequests } from "./request-gate.ts";
import { registerModerationHandlers } from "./moderation-handlers.ts";
import { registerRecordingHandlers } from "./recording-handlers.ts";
import { registerSessionHandlers } from "./session-handlers.ts";
import { SignalingSession, type SignalingDeps } from "./session.ts";
import { registerVisitHandlers } from "./visit-handlers.ts";

interface SocketData {
  claims: JoinClaims;
}

export type MediaIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** socket.io on the node's HTTP server: the token is verified once, at the handshake. */
export function createSignalingServer(
  httpServer: HttpServer,
  verify: JoinTokenVerifier,
  deps: SignalingDeps,
  allowedOrigins: readonly string[] | "*",
  trustedProxies: readonly string[] = [],
): MediaIo {
  const { limits } = deps;
  const admission = new ConnectionAdmission(
    { allowedOrigins, maxConnectionsPerAddress: limits.maxConnectionsPerAddress, isTrustedProxy: proxyMatcher(trustedProxies) },
    deps.logger,
  );
  const io: MediaIo = new Server(httpServer, {
    // CORS covers long-polling only; the Origin check in admission covers WebSocket upgrades.
    cors: { origin: allowedOrigins === "*" ? true : [...allowedOrigins], credentials: false },
    allowRequest: admission.allowRequest,
    maxHttpBufferSize: limits.maxMessageBytes,
    connectTimeout: limits.handshakeTimeoutMs,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  io.engine.on("connection", (raw: { request: IncomingMessage; once(event: "close", listener: () => void): void }) => {
    admission.track(raw.request, (listener) => raw.once("close", listener));
  });

  io.use(async (socket, next) => {
    try {
      socket.data.claims = await verify((socket.handshake.auth as { token?: unknown } | undefined)?.token);
      next();
    } catch (error) {
      const refusal = error instanceof MediaError ? error : new MediaError("unauthenticated", "Join token refused");
      deps.metrics.refusals.inc({ code: refusal.code });
      next(Object.assign(new Error(refusal.message), { data: { code: refusal.code } }));
    }
  });

  io.on("connection", (socket) => {
    const session = new SignalingSession(socket, socket.data.claims, deps, verify);
    session.logger.info("socket connected");
    gateRequests(session, deps.limits);
    registerSessionHandlers(session);
    registerMediaHandlers(session);
    registerModerationHandlers(session);
    registerVisitHandlers(session);
    registerRecordingHandlers(session);
  });
  return io;
}
