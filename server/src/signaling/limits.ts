/** What one client may ask of the node before it is refused; see docs/DECISIONS.md (issue 8). */
export interface SignalingLimits {
  /** Sustained requests per second per connection (token bucket refill). */
  requestsPerSecond: number;
  /** Requests per connection at once (bucket size): a join with many consumers bursts. */
  requestBurst: number;
  /** Requests waiting behind the one being served, per connection. */
  maxQueued: number;
  /** Rate-limit refusals within ABUSE_WINDOW_MS after which the connection is closed. */
  refusalsBeforeDisconnect: number;
  /** Open socket.io connections (authenticated or not) from one IP address. */
  maxConnectionsPerAddress: number;
  /**
   * Time a connection has to authenticate before it is closed. The join page opens its socket
   * before it has a token (web/components/call/early-connection.ts); socket.io reopens one that
   * was closed, so this only bounds what an idle connection holds.
   */
  handshakeTimeoutMs: number;
  /** Largest socket.io message; larger ones close the connection (socket.io's own rule). */
  maxMessageBytes: number;
  /**
   * Issue 14: how long transports made before `join` (one send, one recv per socket) wait for
   * it; then they are closed and the client builds them again (prepared-transports.ts).
   */
  preparedTransportTtlMs: number;
}

export const ABUSE_WINDOW_MS = 10_000;

export const DEFAULT_SIGNALING_LIMITS: SignalingLimits = {
  requestsPerSecond: 50,
  requestBurst: 150,
  maxQueued: 150,
  refusalsBeforeDisconnect: 500,
  maxConnectionsPerAddress: 64,
  handshakeTimeoutMs: 20_000,
  maxMessageBytes: 64 * 1024,
  preparedTransportTtlMs: 120_000,
};
