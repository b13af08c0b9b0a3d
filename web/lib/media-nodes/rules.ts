import { assertRole, isInScope, type Actor } from "../auth/actor.ts";
import { NotFoundError } from "../errors.ts";

// The node tree (issue 11 §1): one rule. Admins see the nodes of units in their own subtree;
// a node above them (their parent's) is not theirs to see.

export function assertMayViewNodes(actor: Actor): void {
  assertRole(actor, ["admin"], "view the media nodes");
}

/**
 * Resetting a node's key: an admin whose subtree holds the node's unit. Out of scope is "not
 * found" (the node's existence is not revealed); in scope but not an admin is forbidden.
 */
export function assertMayResetNodeKey(actor: Actor, unitPath: string): void {
  if (!isInScope(actor, unitPath)) throw new NotFoundError("Media node not found");
  assertRole(actor, ["admin"], "reset a media node's key");
}
