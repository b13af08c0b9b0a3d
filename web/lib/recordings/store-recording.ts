import { appendAuditEvent } from "../audit/append-audit-event.ts";
import type { Tx } from "../db/transaction.ts";
import type { ZRecordingClosedEvent } from "../schemas/rooms.ts";
import type { z } from "zod";

type RecordingClosed = z.infer<typeof ZRecordingClosedEvent>;

/**
 * Stores a closed recording file as the node reported it, once (a resent report changes
 * nothing), and puts its SHA-256 in the audit chain: from then on an altered file is provable.
 */
export async function storeRecording(tx: Tx, event: RecordingClosed, unitPath: string): Promise<void> {
  const { count } = await tx.recording.createMany({
    data: [
      {
        roomId: event.room,
        file: event.file,
        identity: event.identity,
        name: event.name,
        source: event.source,
        kind: event.kind,
        codec: event.codec,
        sequence: event.sequence,
        sizeBytes: BigInt(event.sizeBytes),
        sha256: event.sha256,
        firstPacketAt: event.firstPacketAt ? new Date(event.firstPacketAt) : null,
        endedAt: new Date(event.at),
        durationMs: event.durationMs,
        endReason: event.endReason,
        gap: event.gap ?? undefined,
        sync: event.sync,
        clockRate: event.clockRate ?? null,
        firstRtpTimestamp: event.firstRtpTimestamp == null ? null : BigInt(event.firstRtpTimestamp),
        node: event.node,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return;
  const stored = await tx.recording.findUniqueOrThrow({ where: { file: event.file }, select: { id: true } });
  await appendAuditEvent(tx, { userId: null, displayName: `media node ${event.node}` }, {
    action: "recording.stored",
    targetType: "Recording",
    targetId: stored.id,
    unitPath,
    data: { room: event.room, file: event.file, sha256: event.sha256, sizeBytes: event.sizeBytes, endReason: event.endReason, gap: event.gap },
  });
}
