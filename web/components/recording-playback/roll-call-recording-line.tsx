import type { Actor } from "@/lib/auth/actor";
import { rollCallRecordingSummary } from "@/lib/recordings/roll-call-recording-summary";
import { RecordingSummaryLine } from "./recording-summary-line";

/** The roll call summary's line about its recording, with the way to its playback page. */
export async function RollCallRecordingLine({ actor, rollCallId }: { actor: Actor; rollCallId: string }) {
  return <RecordingSummaryLine summary={await rollCallRecordingSummary(actor, rollCallId)} testId="rollcall-recording" />;
}
