import type { Logger } from "../observability/logger.ts";
import type { PortalReporter, RecordingClosedEvent } from "../portal-client/portal-reporter.ts";
import type { RecordingFileReport } from "./recording-report.ts";
import type { ReportOutbox } from "./report-outbox.ts";

/**
 * Tells the portal a file closed, through the outbox on the node's disk: the report is written
 * there first and removed once the portal acknowledges it, so a portal that is down (or a node that
 * restarts before it is back) loses nothing. A file that could not be hashed (it vanished) is not
 * reported: the portal would refuse the event, and a refused event would hold up every report
 * behind it; the error is in the log and the file's absence shows in `recordings:verify`.
 */
export async function reportFileToPortal(reporter: PortalReporter, outbox: ReportOutbox, logger: Logger, report: RecordingFileReport): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(report.sha256)) {
    logger.error({ file: report.file }, "recording file could not be hashed; not reported to the portal");
    return;
  }
  if (!reporter.enabled) return;
  const event = closedEvent(report);
  const key = await outbox.put(event).catch((error) => {
    // Still sent from memory; only a restart before delivery could lose it now, and the log says so.
    logger.error({ err: String(error), file: report.file }, "could not keep the recording report on disk");
    return null;
  });
  reporter.report(event, key === null ? undefined : () => void outbox.done(key));
}

/** At start: what an earlier run of the node closed but the portal never acknowledged. */
export async function resendPendingReports(reporter: PortalReporter, outbox: ReportOutbox, logger: Logger): Promise<number> {
  if (!reporter.enabled) return 0;
  const pending = await outbox.pending();
  for (const { key, event } of pending) reporter.report(event, () => void outbox.done(key));
  if (pending.length > 0) logger.info({ reports: pending.length }, "resending recording reports the portal had not acknowledged");
  return pending.length;
}

function closedEvent(report: RecordingFileReport): RecordingClosedEvent {
  return {
    type: "recording.closed",
    room: report.room,
    at: report.endedAt,
    identity: report.identity,
    name: report.name,
    source: report.source,
    kind: report.kind,
    file: report.file,
    codec: report.codec,
    sequence: report.sequence,
    sizeBytes: report.sizeBytes,
    sha256: report.sha256,
    firstPacketAt: report.firstPacketAt,
    durationMs: report.durationMs,
    endReason: report.endReason,
    gap: report.gap,
    sync: report.senderReports,
    clockRate: report.clockRate,
    firstRtpTimestamp: report.firstRtpTimestamp,
  };
}
