import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { findArchiveRoom } from "./archive-scope.ts";

/** The recording files of a room in the actor's archive scope (records only: no file is read). */
export async function listRoomRecordings(actor: Actor, roomId: string) {
  await findArchiveRoom(actor, roomId);
  const db = await getDb();
  const rows = await db.recording.findMany({ where: { roomId }, orderBy: [{ firstPacketAt: "asc" }, { sequence: "asc" }], take: 2000 });
  return {
    items: rows.map((r) => ({
      id: r.id,
      identity: r.identity,
      name: r.name,
      source: r.source,
      kind: r.kind,
      codec: r.codec,
      sequence: r.sequence,
      sizeBytes: Number(r.sizeBytes),
      sha256: r.sha256,
      firstPacketAt: r.firstPacketAt?.toISOString() ?? null,
      endedAt: r.endedAt.toISOString(),
      durationMs: r.durationMs,
      endReason: r.endReason,
      gap: (r.gap as { from: string; to: string | null } | null) ?? null,
      legalHold: r.legalHold,
      deletedAt: r.deletedAt?.toISOString() ?? null,
    })),
  };
}
