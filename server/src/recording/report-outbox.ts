import { mkdir, readdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../observability/logger.ts";
import { eventIdFloor } from "../portal-client/event-id.ts";
import type { MediaEvent } from "../portal-client/portal-reporter.ts";
import { writeWhole } from "./write-whole.ts";

/** An event as it is queued for the portal: with its node and (from this version on) its id. */
export type OutboxEvent = MediaEvent & { id?: string; node?: string };

/** Why the portal would not take an event: its status and its typed answer (or what it said). */
export interface PortalRefusal {
  status: number;
  answer: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Everything the node tells the portal — joins, leaves, notices, closes, `recording.closed` —
 * kept on its disk until the portal has acknowledged it (issue 10: "reports must never be lost").
 * The reporter retries in memory while the node runs; this copy outlives the node: one that
 * stops, crashes or is redeployed while the portal is down sends what was left when it starts
 * again. One file per event, named by the event's id (a UUIDv7 made at the node, so names sort
 * in the order the events happened); the portal stores an id once, so a resend is harmless.
 * Inside RECORDINGS_DIR, beside what it describes, in a dot folder nothing else reads.
 *
 * An event the portal refuses for itself (bad input, unknown room) goes to `dead/` with the
 * portal's answer, for a person to look at: it must not hold up every event behind it, and it is
 * never deleted unread.
 */
export class ReportOutbox {
  readonly dir: string;
  readonly deadDir: string;

  constructor(
    recordingsDir: string,
    private readonly logger: Logger,
  ) {
    this.dir = path.join(recordingsDir, ".outbox");
    this.deadDir = path.join(this.dir, "dead");
  }

  /** Written whole (a temporary file renamed into place) before the event is sent. */
  async put(key: string, event: OutboxEvent): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeWhole(this.file(key), JSON.stringify(event));
  }

  /** The portal has it: forget the copy. */
  async done(key: string): Promise<void> {
    await unlink(this.file(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") this.logger.warn({ err: String(error), key }, "could not remove a delivered event from the outbox");
    });
  }

  /**
   * The portal refused it: moved to `dead/` as it was (so moving it back resends it at the next
   * start) with the portal's answer beside it (`<key>.refusal.json`), out of the queue.
   */
  async dead(key: string, event: OutboxEvent, refusal: PortalRefusal): Promise<void> {
    await mkdir(this.deadDir, { recursive: true });
    await writeWhole(path.join(this.deadDir, `${key}.refusal.json`), JSON.stringify({ ...refusal, at: new Date().toISOString() }, null, 2));
    await writeWhole(path.join(this.deadDir, `${key}.json`), JSON.stringify(event));
    await this.done(key);
  }

  /** What the portal refused, oldest first (tests, and a person clearing the folder). */
  async deadLetters(): Promise<Array<{ key: string; event: OutboxEvent; refusal: PortalRefusal }>> {
    const names = (await readdir(this.deadDir).catch(() => [] as string[])).filter((name) => name.endsWith(".json") && !name.endsWith(".refusal.json")).sort();
    const letters = [];
    for (const name of names) {
      const key = name.slice(0, -5);
      const event = JSON.parse(await readFile(path.join(this.deadDir, name), "utf8")) as OutboxEvent;
      const refusal = JSON.parse(await readFile(path.join(this.deadDir, `${key}.refusal.json`), "utf8")) as PortalRefusal;
      letters.push({ key, event, refusal });
    }
    return letters;
  }

  /**
   * Every event not yet acknowledged, in the order they happened: by id, and an entry written
   * before events had ids (named by a hash of its file) by its time.
   */
  async pending(): Promise<Array<{ key: string; event: OutboxEvent }>> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: Array<{ key: string; event: OutboxEvent; order: string }> = [];
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const key = name.slice(0, -5);
      try {
        const event = JSON.parse(await readFile(this.file(key), "utf8")) as OutboxEvent;
        entries.push({ key, event, order: UUID.test(key) ? key : eventIdFloor(Date.parse(event.at)) });
      } catch (error) {
        // Kept for a person to look at; never deleted unread.
        this.logger.error({ err: String(error), name }, "an outbox event could not be read");
      }
    }
    return entries.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).map(({ key, event }) => ({ key, event }));
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

