import type { Logger } from "../observability/logger.ts";
import type { PortalReporter } from "../portal-client/portal-reporter.ts";
import type { RecordingFileReport } from "./recording-report.ts";

/**
 * Tells the portal a file closed. A file that could not be hashed (it vanished) is not reported:
 * the portal would refuse the event, and a refused event would hold up every report behind it;
 * the error is in the log and the file's absence shows in `recordings:verify`.
 */
export function reportFileToPortal(reporter: PortalReporter, logger: Logger, report: RecordingFileReport): void {
  if (!/^[0-9a-f]{64}$/.test(report.sha256)) {
    logger.error({ file: report.file }, "recording file could not be hashed; not reported to the portal");
    return;
  }
  reporter.report({
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
  });
}
