import type { Logger } from "../observability/logger.ts";
import type { PortalReporter, RecordingClosedEvent } from "../portal-client/portal-reporter.ts";
import type { RecordingFileReport } from "./recording-report.ts";

/**
 * Tells the portal a file closed. The reporter keeps the report in the outbox on the node's disk
 * (report-outbox.ts) until the portal acknowledges it, so a portal that is down (or a node that
 * restarts before it is back) loses nothing. A file that could not be hashed (it vanished) is not
 * reported: the portal would refuse the event (it would end in the dead letters); the error is in
 * the log and the file's absence shows in `recordings:verify`.
 */
export function reportFileToPortal(reporter: PortalReporter, logger: Logger, report: RecordingFileReport): void {
  if (!/^[0-9a-f]{64}$/.test(report.sha256)) {
    logger.error({ file: report.file }, "recording file could not be hashed; not reported to the portal");
    return;
  }
  reporter.report(closedEvent(report));
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
