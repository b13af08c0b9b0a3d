import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { findArchiveRoom } from "./archive-scope.ts";
import { alignableFile, alignFiles } from "./track-alignment.ts";

/** The recording files of a room in the actor's archive scope (records only: no file is read). */
export async function listRoomRecordings(actor: Actor, roomId: string) {
  await findArchiveRoom(actor, roomId);
  const db = await getDb();
  const rows = await db.recording.findMany({ where: { roomId }, orderBy: [{ firstPacketAt: "asc" }, { sequence: "asc" }], take: 2000 });
  const placements = alignFiles(rows.map(alignableFile));
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
      ...startOf(placements.get(r.id)!),
      endedAt: r.endedAt.toISOString(),
      durationMs: r.durationMs,
      endReason: r.endReason,
      gap: (r.gap as { from: string; to: string | null } | null) ?? null,
      legalHold: r.legalHold,
      deletedAt: r.deletedAt?.toISOString() ?? null,
    })),
  };
}

/** Where playback puts the file's time 0, and how that was found. */
function startOf(placement: { startAt: number | null; by: "sender_reports" | "first_packet" | "none" }) {
  return { startAt: placement.startAt === null ? null : new Date(placement.startAt).toISOString(), alignedBy: placement.by };
}
