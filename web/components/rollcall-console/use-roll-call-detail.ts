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
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const ticket = ++latest.current;
    const result = await consoleApi.detail(rollCallId);
    // An older answer arriving after a newer one must not roll the roster back.
    if (ticket !== latest.current) return;
    setOffline(!result.ok);
    if (result.ok) setDetail(result.data);
  }, [rollCallId]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { detail, offline, refresh, setDetail };
}
