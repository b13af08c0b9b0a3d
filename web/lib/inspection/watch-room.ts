import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { grantFor } from "../rooms/issue-join-grant.ts";
import { findLiveRoomForUpdate } from "./find-live-room.ts";
import { assertMayWatch, assertMediaAllowed, inspectionIdentity } from "./rules.ts";

/**
 * A superior watches a live room unseen: a tile of the wall (the client asks for the lowest layer
 * of one video) or the room opened. The observe grant is never listed to anyone and never
 * publishes; the view is recorded (history) and audited in the same transaction as the grant.
 */
export async function watchRoom(actor: Actor, roomId: string, mode: "tile" | "watch") {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const live = await findLiveRoomForUpdate(tx, actor, roomId);
    assertMayWatch(actor, live.room.unit.path);
    assertMediaAllowed(live.privileged);
    const view = await tx.inspectionView.create({
      data: { userId: actor.userId, actorName: actor.displayName, roomId, mode, unitPath: live.room.unit.path, viewerUnitPath: actor.unitPath },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: `inspection.${mode}`,
      targetType: "Room",
      targetId: roomId,
      unitPath: live.room.unit.path,
      data: { viewId: view.id, kind: live.kind },
    });
    const grant = await grantFor(
      live.room,
      { identity: inspectionIdentity(view.id), name: actor.displayName, role: "staff", moderator: false, observer: true, lobby: false, unlisted: true, bearerUnitPath: actor.unitPath },
      live.terms,
    );
    return { ...grant, viewId: view.id };
  });
}
