"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { consoleApi, type Mark, type MarkNote } from "./console-api";
import { nextMarkOrigin, type MarkOrigin } from "./mark-origin";
import { isRetryable, loadUnsaved, storeUnsaved, type MarkQueue, type QueuedMark } from "./mark-queue";

const RETRY_MS = [2000, 4000, 8000, 15000];

/**
 * Every mark goes to the API the moment it is made. One request per person at a time: a second
 * mark made meanwhile is sent when the first answers, so the server ends with the last one.
 * Failures stay visible; those that may pass are retried with backoff (and at once when the
 * browser is back online); unsaved marks survive a reload through localStorage.
 */
export function useMarkQueue(rollCallId: string, onSaved: () => void) {
  const [queue, setQueue] = useState<MarkQueue>({});
  const queueRef = useRef<Record<string, QueuedMark>>({});
  const inFlight = useRef(new Set<string>());
  const wanted = useRef(new Map<string, { status: Mark; origin: MarkOrigin; note?: MarkNote }>());
  const attempts = useRef(new Map<string, number>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const put = useCallback(
    (mark: QueuedMark) => {
      queueRef.current = { ...queueRef.current, [mark.entryId]: mark };
      storeUnsaved(rollCallId, queueRef.current);
      setQueue(queueRef.current);
    },
    [rollCallId],
  );

  const send = useCallback(
    async (entryId: string) => {
      const next = wanted.current.get(entryId);
      if (!next || inFlight.current.has(entryId)) return;
      const { status, origin, note } = next;
      clearTimeout(timers.current.get(entryId));
      inFlight.current.add(entryId);
      wanted.current.delete(entryId);
      put({ entryId, status, origin, note, state: "saving", retryable: false, error: null, markedAt: null });
      const result = await consoleApi.mark(rollCallId, entryId, status, origin, note);
      inFlight.current.delete(entryId);
      if (wanted.current.has(entryId)) {
        // A newer mark was made meanwhile: it supersedes this answer.
        void send(entryId);
        return;
      }
      if (result.ok) {
        attempts.current.delete(entryId);
        put({ entryId, status, origin, note, state: "saved", retryable: false, error: null, markedAt: result.data.markedAt });
        onSavedRef.current();
        return;
      }
      const retryable = isRetryable(result.error);
      put({ entryId, status, origin, note, state: "failed", retryable, error: result.error.message, markedAt: null });
      if (retryable) {
        const n = attempts.current.get(entryId) ?? 0;
        attempts.current.set(entryId, n + 1);
        timers.current.set(entryId, setTimeout(() => retry(entryId), RETRY_MS[Math.min(n, RETRY_MS.length - 1)]));
      }
    },
    // retry is defined below and only reads refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rollCallId, put],
  );

  const retry = useCallback(
    (entryId: string) => {
      const failed = queueRef.current[entryId];
      if (!failed || failed.state !== "failed" || wanted.current.has(entryId)) return;
      wanted.current.set(entryId, { status: failed.status, origin: failed.origin, note: failed.note });
      void send(entryId);
    },
    [send],
  );

  const enqueue = useCallback(
    (entryId: string, status: Mark, origin: MarkOrigin, note?: MarkNote) => {
      attempts.current.delete(entryId);
      wanted.current.set(entryId, { status, origin, note });
      if (inFlight.current.has(entryId)) put({ entryId, status, origin, note, state: "saving", retryable: false, error: null, markedAt: null });
      else void send(entryId);
    },
    [put, send],
  );

  const mark = useCallback((entryId: string, status: Mark, note?: MarkNote) => enqueue(entryId, status, nextMarkOrigin(), note), [enqueue]);

  useEffect(() => {
    // Read back after a reload under their first numbers, so a copy still on its way cannot win.
    for (const { entryId, status, origin, note } of loadUnsaved(rollCallId)) enqueue(entryId, status, origin ?? nextMarkOrigin(), note);
    const retryAll = () => {
      for (const queued of Object.values(queueRef.current)) if (queued.state === "failed" && queued.retryable) retry(queued.entryId);
    };
    const warnIfUnsaved = (event: BeforeUnloadEvent) => {
      if (Object.values(queueRef.current).some((queued) => queued.state !== "saved")) event.preventDefault();
    };
    const pending = timers.current;
    window.addEventListener("online", retryAll);
    window.addEventListener("beforeunload", warnIfUnsaved);
    return () => {
      window.removeEventListener("online", retryAll);
      window.removeEventListener("beforeunload", warnIfUnsaved);
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, [rollCallId, enqueue, retry]);

  return { queue, mark, retry };
}
