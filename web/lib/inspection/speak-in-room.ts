import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import { BusyError } from "../errors.ts";
import { grantFor } from "../rooms/issue-join-grant.ts";
import { noticeOnMediaNode } from "../rooms/media-node-client.ts";
import { findLiveRoomForUpdate } from "./find-live-room.ts";
import { assertMaySpeak, assertMediaAllowed, inspectionIdentity } from "./rules.ts";

/** What everyone in the room is told when a superior joins to speak. */
export const INSPECTOR_JOINED_NOTICE = "上级督察已进入";

async function speakableRoom(tx: Tx, actor: Actor, roomId: string) {
  const live = await findLiveRoomForUpdate(tx, actor, roomId);
  assertMaySpeak(actor, live.room.unit.path);
  assertMediaAllowed(live.privileged);
  return live;
}

/**
 * A superior joins visibly to speak (camera and microphone, no moderation). Everyone in the room
 * is told first, by the node; without that notice there is no grant and nothing is written
 * (nobody is spoken to by an inspector they were not told of). Then, under the room's lock again,
 * the view is recorded and audited with the grant.
 */
export async function speakInRoom(actor: Actor, roomId: string) {
  const db = await getDb();
  await db.$transaction((tx) => speakableRoom(tx, actor, roomId));
  if (!(await noticeOnMediaNode(roomId, INSPECTOR_JOINED_NOTICE))) {
    throw new BusyError("The media node did not deliver the notice to the room; try again");
  }
  return db.$transaction(async (tx) => {
    const live = await speakableRoom(tx, actor, roomId);
    const view = await tx.inspectionView.create({
      data: { userId: actor.userId, actorName: actor.displayName, roomId, mode: "speak", unitPath: live.room.unit.path, viewerUnitPath: actor.unitPath },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "inspection.speak",
      targetType: "Room",
      targetId: roomId,
      unitPath: live.room.unit.path,
      data: { viewId: view.id, kind: live.kind, notice: INSPECTOR_JOINED_NOTICE },
    });
    const grant = await grantFor(
      live.room,
      { identity: inspectionIdentity(view.id), name: `${actor.displayName}（上级督察）`.slice(0, 60), role: "staff", moderator: false, observer: false, lobby: false, bearerUnitPath: actor.unitPath },
      live.terms,
    );
    return { ...grant, viewId: view.id };
  });
}
