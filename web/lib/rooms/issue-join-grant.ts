import { createHmac, randomBytes } from "node:crypto";
import type { Actor } from "../auth/actor.ts";
import { isInScope } from "../auth/actor.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { ConflictError, NotFoundError, UnauthenticatedError } from "../errors.ts";
import { signJoinToken } from "../media/sign-join-token.ts";
import { mediaNodes, placeBearer } from "../media/media-nodes.ts";
import { NO_GUESTS } from "../../../server/src/protocol/join-token.ts";
import { assertRunsRollCallOfRoom } from "../rollcalls/assert-runs-roll-call.ts";
import { findRoomInScope } from "./get-room-or-throw.ts";

type GrantRoom = {
  id: string;
  title: string;
  kind: "meeting" | "rollcall" | "visit" | "inspection";
  state: string;
  requiresAdmission: boolean;
  /**
   * The room's unit, for placing the token on a node (MEDIA_NODES). Callers inside a transaction
   * must pass it: the lookup below runs outside their transaction, and on PGlite (one connection)
   * it would wait for that transaction, which waits for it, until the transaction times out.
   */
  unit?: { path: string };
};

export async function grantFor(
  room: GrantRoom,
  who: {
    identity: string;
    name: string;
    role: "staff" | "guest" | "participant";
    moderator: boolean;
    observer: boolean;
    lobby: boolean;
    notAfter?: Date;
    /** Remote inspection: an observer nobody in the room is told of. */
    unlisted?: boolean;
    /** Issue 11: staff connect to their own center's node (absent: the room's node). */
    bearerUnitPath?: string;
    /** Issue 14: makes and connects transports before the call opens, never joins (see the claim). */
    prepareOnly?: boolean;
  },
  /** A timed room's terms (a visit): every token of it must name the same end and privilege. */
  terms?: { endsAt: Date; privileged: boolean; mustRecord: boolean },
) {
  // Never a guest in a roll call or a visit, whatever path got here; the media node refuses too.
  if (who.role === "guest" && NO_GUESTS.includes(room.kind)) throw new NotFoundError("This link is not valid");
  if (room.state !== "open") throw new ConflictError("This room has been closed");
  const { joinTokenPrivateKey, mediaPublicUrl, turn } = config();
  // Issue 11: with a network of nodes (MEDIA_NODES), the token names its node and the room's home.
  const nodes = mediaNodes();
  let placement: ReturnType<typeof placeBearer> = null;
  if (nodes) {
    const unitPath = room.unit?.path ?? (await (await getDb()).room.findUnique({ where: { id: room.id }, select: { unit: { select: { path: true } } } }))?.unit.path;
    if (unitPath) placement = placeBearer(nodes, unitPath, who.role === "staff" ? who.bearerUnitPath : undefined);
  }
  const token = await signJoinToken(joinTokenPrivateKey, {
    ...(placement ? { node: placement.node.id, home: placement.home.id } : {}),
    room: room.id,
    kind: room.kind,
    as: who.observer ? "observer" : who.role === "participant" ? "person" : who.role,
    sub: who.identity,
    name: who.name,
    role: who.role,
    grants: { publish: !who.observer, subscribe: true, observe: who.observer, moderate: who.moderator },
    lobby: who.lobby,
    ...(who.unlisted ? { unlisted: true } : {}),
    ...(who.prepareOnly ? { prepareOnly: true as const } : {}),
    // Supervised persons in a roll call are called one by one; they must not see one another.
    sees: room.kind === "rollcall" && who.role !== "staff" ? "staff" : "everyone",
    notAfter: terms ? new Date(Math.min(terms.endsAt.getTime(), who.notAfter?.getTime() ?? Infinity)) : who.notAfter,
    ...(terms ? { endsAt: Math.floor(terms.endsAt.getTime() / 1000), privileged: terms.privileged, mustRecord: !terms.privileged && terms.mustRecord } : {}),
    turn,
  });
  return {
    token,
    mediaUrl: placement?.node.url ?? mediaPublicUrl,
    identity: who.identity,
    name: who.name,
    moderator: who.moderator,
    room: { id: room.id, title: room.title, kind: room.kind },
  };
}

/**
 * Staff of the room's subtree: officers and admins host (moderate); inspectors watch unseen. A roll
 * call's room is hosted only by whoever runs the roll call; superiors watch it through the audited
 * observe grant (observe-roll-call.ts), never through this door.
 */
export async function issueStaffJoinGrant(actor: Actor, roomId: string) {
  const room = await findRoomInScope(actor, roomId);
  if (room.kind === "rollcall") await assertRunsRollCallOfRoom(actor, room.id);
  const observer = actor.role === "inspector";
  return grantFor(room, {
    identity: `user:${actor.userId}`,
    name: actor.displayName,
    role: "staff",
    moderator: !observer,
    observer,
    lobby: false,
    bearerUnitPath: actor.unitPath,
  });
}

/**
 * The invite links. A host code needs a signed-in staff member of the room's subtree; a guest
 * code needs only a name, and puts the guest in the lobby when the room asks for admission.
 */
export async function issueJoinGrantByCode(code: string, actor: Actor | null, guest: { name?: string; guestKey?: string }) {
  const db = await getDb();
  const room = await db.room.findFirst({
    where: { OR: [{ hostCode: code }, { guestCode: code }] },
    include: { unit: { select: { path: true } } },
  });
  if (!room || room.kind !== "meeting") throw new NotFoundError("This link is not valid");
  if (room.hostCode === code) {
    if (!actor) throw new UnauthenticatedError("Sign in to host this room");
    if (!isInScope(actor, room.unit.path)) throw new NotFoundError("This link is not valid");
    return issueStaffJoinGrant(actor, room.id);
  }
  const name = guest.name?.trim() || "访客";
  return grantFor(room, {
    identity: guestIdentity(room.id, guest.guestKey),
    name,
    role: "guest",
    moderator: false,
    observer: false,
    lobby: room.requiresAdmission,
  });
}

/**
 * The same browser is the same guest of a room: a reopened link takes the old place, and a removed
 * guest stays barred. Keyed per room so that one browser's guest ids cannot be linked across rooms.
 */
function guestIdentity(roomId: string, guestKey: string | undefined): string {
  const id = guestKey
    ? createHmac("sha256", config().appSecret).update(`guest:${roomId}:${guestKey}`).digest("base64url").slice(0, 16)
    : randomBytes(12).toString("base64url");
  return `guest:${id}`;
}
