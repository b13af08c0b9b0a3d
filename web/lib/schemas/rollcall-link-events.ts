import { z } from "zod";
import { ZLinkState } from "./rollcalls.ts";
import { ZJoinGrant } from "./rooms.ts";

/**
 * One message of a waiting personal link's event stream (GET /api/v1/r/{token}/events,
 * text/event-stream, each `data:` line one of these as JSON). The portal builds them with this
 * type; the link page parses every one with this schema before acting on it.
 * - `state`: the link as GET /api/v1/r/{token} answers it, sent on connecting and whenever the
 *   roll call changes (the officer opened it: join now). Once live, with the person's join token
 *   as POST /join would give it, when this browser's verification ticket came with the request
 *   (its cookie, set by /verify): the page joins without asking (issue 14);
 * - `refused`: the link stopped working (revoked, ended, expired, locked); the stream ends.
 */
export const ZLinkEvent = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("state"), link: ZLinkState, grant: ZJoinGrant.optional() }),
    z.strictObject({
      type: z.literal("refused"),
      error: z.strictObject({ code: z.string().max(40), fields: z.record(z.string(), z.string()) }),
    }),
  ])
  .meta({ id: "RollCallLinkEvent" });

export type LinkEvent = z.infer<typeof ZLinkEvent>;
