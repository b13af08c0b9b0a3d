import type { ApiError } from "@/lib/client/api-fetch";
import type { Mark, MarkNote, RosterEntry } from "./console-api";
import { isMarkOrigin, type MarkOrigin } from "./mark-origin";

/** One officer's mark on its way to the API: shown until the server has it, never dropped. */
export interface QueuedMark {
  entryId: string;
  status: Mark;
  /** Its number in this console tab: every retry sends the same. */
  origin: MarkOrigin;
  /** The remark and 请假 reason written with it: sent, retried and kept with the mark. */
  note?: MarkNote;
  state: "saving" | "saved" | "failed";
  /** Failed for a reason that may pass (network, server busy): retried by itself. */
  retryable: boolean;
  error: string | null;
  /** The server's time of the mark, once saved. */
  markedAt: string | null;
}

export type MarkQueue = Readonly<Record<string, QueuedMark>>;

/** Network gone, server error or rate limit: worth sending again. A refusal (4xx) is not. */
export function isRetryable(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500 || error.status === 429;
}

/** What the roster shows: an unsaved mark wins; a saved one until the polled roster has caught up. */
export function displayedStatus(entry: RosterEntry, queued: QueuedMark | undefined): RosterEntry["status"] {
  if (!queued) return entry.status;
  if (queued.state !== "saved") return queued.status;
  const caughtUp = entry.markedAt !== null && queued.markedAt !== null && entry.markedAt >= queued.markedAt;
  return caughtUp ? entry.status : queued.status;
}

const storageKey = (rollCallId: string) => `ygav.rollcall.marks:${rollCallId}`;

/**
 * Marks not yet confirmed are kept in localStorage as well, so that a crash or a reload of the
 * console sends them again instead of losing them.
 */
type UnsavedMark = Pick<QueuedMark, "entryId" | "status" | "note"> & { origin?: MarkOrigin };

export function loadUnsaved(rollCallId: string): UnsavedMark[] {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(rollCallId)) ?? "[]") as unknown;
    return Array.isArray(stored)
      ? stored
          .filter((m): m is UnsavedMark => typeof m?.entryId === "string" && typeof m?.status === "string")
          // A mark stored without its number (an older console) is numbered afresh when read back.
          .map(({ entryId, status, origin, note }) => ({ entryId, status, ...(isMarkOrigin(origin) ? { origin } : {}), ...(isNote(note) ? { note } : {}) }))
      : [];
  } catch {
    return [];
  }
}

export function storeUnsaved(rollCallId: string, queue: MarkQueue): void {
  const unsaved = Object.values(queue)
    .filter((mark) => mark.state !== "saved")
    .map(({ entryId, status, origin, note }) => ({ entryId, status, origin, note }));
  try {
    if (unsaved.length) localStorage.setItem(storageKey(rollCallId), JSON.stringify(unsaved));
    else localStorage.removeItem(storageKey(rollCallId));
  } catch {
    // Storage refused (private mode): the marks stay on screen and are retried while the page lives.
  }
}

function isNote(value: unknown): value is MarkNote {
  const note = value as MarkNote | null;
  return typeof note === "object" && note !== null && ["remark", "excuseReason"].every((key) => {
    const field = (note as Record<string, unknown>)[key];
    return field === undefined || typeof field === "string";
  });
}
