"use client";

import { useCallback, useEffect, useRef } from "react";
import type { ApiError } from "@/lib/client/api-fetch";
import { readAsBase64 } from "@/lib/client/read-as-base64";
import { consoleApi } from "./console-api";
import type { MarkQueue } from "./mark-queue";

export type UploadEvent = { entryId: string; state: "uploading" | "saved" } | { entryId: string; state: "failed"; error: ApiError | null };

/**
 * A 请假 document waits for its mark: the server takes it only for a person marked 请假, so it is
 * sent once the queue has that mark saved. Every outcome is reported (never a silent loss).
 */
export function useExcuseUploads(rollCallId: string, queue: MarkQueue, onEvent: (event: UploadEvent) => void) {
  const waiting = useRef(new Map<string, File>());
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  const upload = useCallback(
    async (entryId: string, file: File) => {
      onEventRef.current({ entryId, state: "uploading" });
      const base64 = await readAsBase64(file).catch(() => null);
      if (base64 === null) return onEventRef.current({ entryId, state: "failed", error: null });
      const result = await consoleApi.attachExcuse(rollCallId, entryId, base64);
      onEventRef.current(result.ok ? { entryId, state: "saved" } : { entryId, state: "failed", error: result.error });
    },
    [rollCallId],
  );

  useEffect(() => {
    for (const [entryId, file] of waiting.current) {
      const mark = queue[entryId];
      if (mark?.state === "saved" && mark.status === "excused") {
        waiting.current.delete(entryId);
        void upload(entryId, file);
      }
    }
  }, [queue, upload]);

  return useCallback((entryId: string, file: File) => {
    waiting.current.set(entryId, file);
  }, []);
}
