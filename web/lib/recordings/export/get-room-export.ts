import type { Actor } from "../../auth/actor.ts";
import { getDb } from "../../db/client.ts";
import { findArchiveRoom } from "../archive-scope.ts";
import { toExportDto } from "./export-dto.ts";

/** The room's latest export (its progress while running), for every staff role in scope: a record, not the file. */
export async function getRoomExport(actor: Actor, roomId: string) {
  await findArchiveRoom(actor, roomId);
  const db = await getDb();
  const row = await db.recordingExport.findFirst({ where: { roomId }, orderBy: { requestedAt: "desc" } });
  return { export: row ? toExportDto(row) : null };
}
