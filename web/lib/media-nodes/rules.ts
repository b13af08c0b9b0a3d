import { assertRole, isInScope, type Actor } from "../auth/actor.ts";

// The node tree (issue 11 §1): one rule. Admins see the nodes of units in their own subtree;
// a node above them (their parent's) is not theirs to see.

export function assertMayViewNodes(actor: Actor): void {
  assertRole(actor, ["admin"], "view the media nodes");
}

export function nodeVisibleTo(actor: Actor, unitPath: string): boolean {
  return isInScope(actor, unitPath);
}
