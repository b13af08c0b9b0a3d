"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { consoleApi, type RollCallDetail } from "./console-api";

// Joins reported by the media node reach the roster within this; one small GET per tick.
const POLL_MS = 3000;

/**
 * The roll call as the server has it (statuses, who was called, evidence), polled so that joins
 * and automatic 迟到 from the media node show within seconds; refresh() after each own action.
 */
export function useRollCallDetail(rollCallId: string) {
  const [detail, setDetail] = useState<RollCallDetail | null>(null);
  const [offline, setOffline] = useState(false);
  const inFlight = useRef(false);
  const again = useRef(false);

  // One request at a time: on a slow link a new tick must not overtake (and discard) the answer
  // still on its way; a refresh asked for meanwhile runs right after it, so it sees every action.
  const refresh = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        const result = await consoleApi.detail(rollCallId);
        setOffline(!result.ok);
        // An answer overtaken by an action of ours may predate it: the next round replaces it.
        if (result.ok && !again.current) setDetail(result.data);
      } while (again.current);
    } finally {
      inFlight.current = false;
    }
  }, [rollCallId]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { detail, offline, refresh, setDetail };
}
