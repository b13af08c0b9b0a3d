// Runs once when the portal server starts; the Node-only part lives in its own module so that
// the Edge bundle never sees process.on / process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { closeDatabaseOnSignals } = await import("./lib/db/close-on-signals.ts");
  closeDatabaseOnSignals();
  // Recordings past their retention are deleted by the portal itself, daily (issue 10).
  const { scheduleRecordingRetention } = await import("./lib/recordings/retention-schedule.ts");
  scheduleRecordingRetention();
  // "Export as one MP4" jobs run here, in an ffmpeg child, one at a time across portals (issue 10).
  const { startExportWorker } = await import("./lib/recordings/export/export-worker.ts");
  startExportWorker();
}
