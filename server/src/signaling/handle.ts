import { MediaError } from "../errors.ts";
import type { AckError } from "../protocol/errors.ts";
import { MODERATOR_REQUESTS, REQUESTS, type ParsedPayload, type RequestName, type RequestResult } from "../protocol/requests.ts";
import type { SignalingSession } from "./session.ts";

type Ack = (response: unknown) => void;

/**
 * Registers one request handler: parses the payload with its schema, checks the moderate grant,
 * runs the domain call, and answers with `{ ok, data }` or a typed error. A request without an
 * acknowledgement callback is refused (logged), since its sender could never learn the outcome.
 */
export function handle<K extends RequestName>(
  session: SignalingSession,
  name: K,
  fn: (payload: ParsedPayload<K>) => Promise<RequestResult<K>>,
): void {
  const { socket, logger, deps } = session;
  (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(name, async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== "function") {
      logger.warn({ request: name }, "request without acknowledgement refused");
      return;
    }
    const reply = ack as Ack;
    const fail = (error: AckError) => {
      deps.metrics.refusals.inc({ code: error.code });
      reply({ ok: false, error });
    };
    const parsed = REQUESTS[name].payload.safeParse(args.length > 1 ? args[0] : undefined);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).slice(0, 5);
      return fail({ code: "invalid_message", message: `Invalid ${name}: ${where.join("; ")}` });
    }
    if (MODERATOR_REQUESTS.has(name) && !session.claims.grants.moderate) {
      return fail({ code: "forbidden", message: `${name} needs the moderate grant` });
    }
    try {
      const data = await fn(parsed.data as ParsedPayload<K>);
      reply({ ok: true, data });
    } catch (error) {
      if (error instanceof MediaError) return fail({ code: error.code, message: error.message });
      // mediasoup rejects malformed RTP/DTLS structures with a TypeError: still the client's fault.
      if (error instanceof TypeError) return fail({ code: "invalid_message", message: error.message });
      logger.error({ request: name, err: String((error as Error)?.stack ?? error) }, "request failed");
      fail({ code: "internal", message: "Internal error; the request was not completed" });
    }
  });
}

/** Anything that is not a known request is answered (if it can be) and otherwise ignored. */
export function refuseUnknown(session: SignalingSession): void {
  session.socket.onAny((event: string, ...args: unknown[]) => {
    if (Object.hasOwn(REQUESTS, event)) return;
    session.deps.metrics.refusals.inc({ code: "unknown_message" });
    const ack = args.at(-1);
    if (typeof ack === "function") ack({ ok: false, error: { code: "unknown_message", message: `Unknown request ${String(event).slice(0, 64)}` } });
  });
}
