import { getDb } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { ZLinkEvent, type LinkEvent } from "../../schemas/rollcall-link-events.ts";
import type { ZLinkState } from "../../schemas/rollcalls.ts";
import type { z } from "zod";
import { entryIdOfToken } from "../personal-link.ts";
import { joinRollCallByLink, openPersonalLink } from "../verify-personal-link.ts";
import { reserveStream } from "./stream-limits.ts";
import { watchRollCall } from "./watch-roll-calls.ts";

/** A comment line now and then keeps proxies and phone networks from closing an idle stream. */
const HEARTBEAT_MS = 20_000;
/**
 * A stream ends after this and the browser's EventSource reconnects by itself (after `retry`):
 * no connection is held for ever, and each reconnect checks the link afresh.
 */
const MAX_LIFETIME_MS = 5 * 60_000;
const RETRY_MS = 2000;

const encoder = new TextEncoder();
/** Ended and cancelled roll calls are refusals (openPersonalLink throws), so the state is scheduled or live. */
const linkState = async (token: string) => (await openPersonalLink(token)) as z.infer<typeof ZLinkState>;
const frame = (event: LinkEvent) => encoder.encode(`data: ${JSON.stringify(ZLinkEvent.parse(event))}\n\n`);

/**
 * The state event; once live, with the join token POST /join would give for `ticket` (issue 14),
 * or without one when there is no ticket or /join would refuse it (the page then asks /join,
 * which says why).
 */
async function stateFrame(token: string, link: z.infer<typeof ZLinkState>, ticket: string | undefined) {
  const grant = link.rollCall.state === "live" && ticket ? await joinRollCallByLink(token, ticket).catch(() => undefined) : undefined;
  return frame({ type: "state", link, ...(grant ? { grant } : {}) });
}

/**
 * The waiting page's push channel: the link's state now, then again whenever its roll call
 * changes (the officer opens the call: a NOTIFY reaches every portal process at once), and a
 * final `refused` when the link stops working. The same refusals as GET /r/{token} come before
 * the stream opens (404 / 409 / 403 as JSON). Nothing here reveals more than that GET, except
 * the join token once live, and that only to the browser holding the ticket (as POST /join).
 */
export async function openLinkEventStream(token: string, address: string, abort: AbortSignal, ticket?: string): Promise<ReadableStream<Uint8Array>> {
  const release = reserveStream(entryIdOfToken(token), address);
  let first;
  let firstFrame: Uint8Array;
  let rollCallId: string;
  try {
    first = await linkState(token);
    firstFrame = await stateFrame(token, first, ticket);
    const db = await getDb();
    rollCallId = (await db.rollCallEntry.findUniqueOrThrow({ where: { id: entryIdOfToken(token) }, select: { rollCallId: true } })).rollCallId;
  } catch (error) {
    release();
    throw error;
  }

  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      let last = JSON.stringify(first);
      let inFlight = false;
      let again = false;
      const send = (bytes: Uint8Array) => {
        if (!done) controller.enqueue(bytes);
      };
      const finish = () => {
        if (done) return;
        done = true;
        unwatch();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        abort.removeEventListener("abort", finish);
        release();
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      };
      stop = finish;

      const look = async () => {
        if (inFlight) {
          again = true;
          return;
        }
        inFlight = true;
        try {
          const link = await linkState(token);
          const text = JSON.stringify(link);
          if (text !== last) {
            last = text;
            send(await stateFrame(token, link, ticket));
          }
        } catch (error) {
          if (error instanceof AppError && error.status < 500) {
            send(frame({ type: "refused", error: { code: error.code, fields: error.fields ?? {} } }));
            finish();
          }
          // Anything else (the database busy or away): the next wake or sweep looks again.
        } finally {
          inFlight = false;
        }
        if (again && !done) {
          again = false;
          void look();
        }
      };

      const watch = watchRollCall(rollCallId, () => void look());
      const unwatch = watch.stop;
      const heartbeat = setInterval(() => send(encoder.encode(": ping\n\n")), HEARTBEAT_MS);
      const lifetime = setTimeout(finish, MAX_LIFETIME_MS);
      abort.addEventListener("abort", finish);
      send(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      send(firstFrame);
      // The roll call may have opened between the first read and the LISTEN: look once more then.
      void watch.listening.then(() => look());
    },
    cancel() {
      stop();
    },
  });
}
