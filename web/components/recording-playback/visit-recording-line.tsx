import type { Actor } from "@/lib/auth/actor";
import { roomRecordingSummary } from "@/lib/recordings/room-recording-summary";
import { RecordingSummaryLine } from "./recording-summary-line";

/** A visit record's line about its recording (a visit opened a room on its day; privileged ones record nothing). */
export async function VisitRecordingLine({ actor, roomId }: { actor: Actor; roomId: string | null }) {
  return <RecordingSummaryLine summary={roomId ? await roomRecordingSummary(actor, roomId) : null} testId="visit-recording" />;
}
