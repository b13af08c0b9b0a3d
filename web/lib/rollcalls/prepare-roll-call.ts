import type { Actor } from "../auth/actor.ts";
import { ConflictError } from "../errors.ts";
import { grantFor, issueStaffJoinGrant } from "../rooms/issue-join-grant.ts";
import { findRollCallInScope } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";
import { assertConsoleMayOpen } from "./console-opens-at.ts";
import { prepareTokenEnd } from "./prepare-token-end.ts";
import { roomIdOf } from "./room-id-of.ts";

/**
 * The console of a roll call that may open now but is not open yet (issue 14): a host token for
 * the room the roll call WILL have (roomIdOf), so the console can authenticate its socket, load
 * the router's capabilities and connect both transports before the officer clicks 开始点名.
 * Changes nothing (nothing to audit): the roll call stays scheduled, nobody waiting is told, and
 * no Room row exists until `openRollCall` makes it with that same id. The same rules as the open:
 * only whoever runs it (assertRunsRollCall), not over, its window not passed, the console's lead
 * time reached. A roll call already live gets a token for its room (another tab opened it).
 */
export async function prepareRollCall(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  if (rollCall.state === "cancelled" || rollCall.state === "ended") throw new ConflictError("This roll call is over", { state: rollCall.state });
  const now = new Date();
  if (rollCall.endsAt <= now) throw new ConflictError("The roll call's window has passed", { endsAt: "passed" });
  if (rollCall.roomId) return { rollCallId: rollCall.id, opened: true, grant: await issueStaffJoinGrant(actor, rollCall.roomId) };
  assertConsoleMayOpen(rollCall, now);
  const room = { id: roomIdOf(rollCall.id), title: rollCall.title, kind: "rollcall" as const, state: "open", requiresAdmission: false, unit: { path: rollCall.unit.path } };
  const grant = await grantFor(room, {
    identity: `user:${actor.userId}`,
    name: actor.displayName,
    role: "staff",
    moderator: true,
    observer: false,
    lobby: false,
    notAfter: prepareTokenEnd(now, rollCall),
    bearerUnitPath: actor.unitPath,
  });
  return { rollCallId: rollCall.id, opened: false, grant };
}
