import { mediasoupRefusal } from "../media/mediasoup-refusal.ts";
import type { AckError } from "../protocol/errors.ts";
import { MODERATOR_REQUESTS, REQUESTS, type ParsedPayload, type RequestName, type RequestResult } from "../protocol/requests.ts";
import type { SignalingSession } from "./session.ts";

type Ack = (response: unknown) => void;

/**
 * Registers one request handler: parses the payload with its schema, checks the moderate grant,
 * then runs the domain call in the connection's queue (one request at a time) and answers with
 * `{ ok, data }` or a typed error. The gate (request-gate.ts) has already refused floods,
 * unknown names and requests without an acknowledgement.
 */
export function handle<K extends RequestName>(
  session: SignalingSession,
  name: K,
  fn: (payload: ParsedPayload<K>) => Promise<RequestResult<K>>,
): void {
  const { socket, logger, deps } = session;
  (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(name, (...args: unknown[]) => {
    const reply = args.at(-1);
    if (typeof reply !== "function") return;
    const fail = (error: AckError) => {
      deps.metrics.refusals.inc({ code: error.code });
      (reply as Ack)({ ok: false, error });
    };
    const parsed = REQUESTS[name].payload.safeParse(args.length > 1 ? args[0] : undefined);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).slice(0, 5);
      return fail({ code: "invalid_message", message: `Invalid ${name}: ${where.join("; ").slice(0, 500)}` });
    }
    if (MODERATOR_REQUESTS.has(name) && !session.claims.grants.moderate) {
      return fail({ code: "forbidden", message: `${name} needs the moderate grant` });
    }
    const queued = session.queue.offer(async () => {
      // Its sender is gone: building media for nobody would only be torn down again. A leave
      // still runs (it is the sender saying goodbye, not asking for anything).
      if (socket.disconnected && name !== "leave") return;
      try {
        (reply as Ack)({ ok: true, data: await fn(parsed.data as ParsedPayload<K>) });
      } catch (error) {
        const refusal = mediasoupRefusal(error);
        if (refusal) return fail({ code: refusal.code, message: refusal.message });
        logger.error({ request: name, err: String((error as Error)?.stack ?? error) }, "request failed");
        fail({ code: "internal", message: "Internal error; the request was not completed" });
      }
    });
    if (!queued) fail({ code: "rate_limited", message: "Too many requests waiting: slow down" });
  });
}
