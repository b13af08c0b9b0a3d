import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../observability/logger.ts";
import type { RecordingClosedEvent } from "../portal-client/portal-reporter.ts";

/**
 * The node's `recording.closed` reports kept on its disk until the portal has acknowledged them
 * (issue 10: "reports must never be lost"). The reporter retries in memory while the node runs;
 * this copy outlives the node: one that stops, crashes or is redeployed while the portal is down
 * sends what was left when it starts again. One file per recording file (named by a hash of its
 * path), so a report written twice is one entry, and the portal stores a resent report once
 * (`Recording.file` is unique). Inside RECORDINGS_DIR, beside what it describes, in a dot folder
 * nothing else reads.
 */
export class ReportOutbox {
  readonly dir: string;

  constructor(
    recordingsDir: string,
    private readonly logger: Logger,
  ) {
    this.dir = path.join(recordingsDir, ".outbox");
  }

  /** Written (fsync'd by rename of a whole file) before the report is queued; returns its key. */
  async put(event: RecordingClosedEvent): Promise<string> {
    const key = createHash("sha256").update(event.file).digest("hex").slice(0, 32);
    await mkdir(this.dir, { recursive: true });
    const target = path.join(this.dir, `${key}.json`);
    await writeFile(`${target}.tmp`, JSON.stringify(event));
    await rename(`${target}.tmp`, target);
    return key;
  }

  /** The portal has it: forget the copy. */
  async done(key: string): Promise<void> {
    await unlink(path.join(this.dir, `${key}.json`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") this.logger.warn({ err: String(error), key }, "could not remove a delivered report from the outbox");
    });
  }

  /** Every report not yet acknowledged, oldest first (by the time its file ended). */
  async pending(): Promise<Array<{ key: string; event: RecordingClosedEvent }>> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: Array<{ key: string; event: RecordingClosedEvent }> = [];
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      try {
        entries.push({ key: name.slice(0, -5), event: JSON.parse(await readFile(path.join(this.dir, name), "utf8")) as RecordingClosedEvent });
      } catch (error) {
        // Kept for a person to look at; never deleted unread.
        this.logger.error({ err: String(error), name }, "an outbox report could not be read");
      }
    }
    return entries.sort((a, b) => a.event.at.localeCompare(b.event.at));
  }
}
