import { closeDatabase } from "./client.ts";

/**
 * With NEXT_MANUAL_SIG_HANDLE=1 (set by npm start) Next leaves SIGINT/SIGTERM to us: close the
 * embedded database cleanly, or the next start replays a crash recovery.
 */
export function closeDatabaseOnSignals(): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      closeDatabase()
        .catch((error: unknown) => console.error(`closing the database failed: ${String(error)}`))
        .finally(() => process.exit(0));
    });
  }
}
