import type { Actor } from "../../auth/actor.ts";
import { getDb } from "../../db/client.ts";
import { findRoomInScope } from "../../rooms/get-room-or-throw.ts";
import { toExportDto } from "./export-dto.ts";

/** The room's latest export (its progress while running), for every staff role in scope: a record, not the file. */
export async function getRoomExport(actor: Actor, roomId: string) {
  await findRoomInScope(actor, roomId);
  const db = await getDb();
  const row = await db.recordingExport.findFirst({ where: { roomId }, orderBy: { requestedAt: "desc" } });
  return { export: row ? toExportDto(row) : null };
}
