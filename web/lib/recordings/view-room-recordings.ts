import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { roomDetailOf } from "../rooms/get-room-or-throw.ts";
import { findArchiveRoom } from "./archive-scope.ts";
import { listRoomRecordings } from "./list-recordings.ts";
import { RECORDING_DOWNLOAD_ROLES } from "./open-recording-file.ts";
import { sessionTimeline } from "./session-timeline.ts";

/**
 * The playback page of a room: its recording files, its history (the session's time line: joins,
 * leaves, warnings, notices, the end, a roll call's calls and marks), and what the actor may do.
 * The archive's scope (`findArchiveRoom`: the room's unit, a visit's hosting center, and the units
 * above either) decides who sees it at all (404 outside it); opening it is audited
 * (`recording.view`) before anything is shown. Inspectors see the records (times, hashes, gaps,
 * holds) and the history but get no player: the bytes a player fetches are a download in all
 * but name, and downloading is for admins and officers.
 */
export async function viewRoomRecordings(actor: Actor, roomId: string) {
  const found = await findArchiveRoom(actor, roomId);
  const { unit } = found;
  const room = await roomDetailOf(found, actor);
  const { items } = await listRoomRecordings(actor, roomId);
  const db = await getDb();
  await db.$transaction((tx) =>
    appendAuditEvent(tx, auditActor(actor), {
      action: "recording.view",
      targetType: "Room",
      targetId: roomId,
      unitPath: unit.path,
      data: { files: items.filter((item) => !item.deletedAt).length },
    }),
  );
  const timeline = await sessionTimeline(db, roomId);
  const mayPlay = (RECORDING_DOWNLOAD_ROLES as readonly string[]).includes(actor.role);
  return { room, items, timeline, mayPlay, mayHold: mayPlay };
}
