"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "@/lib/client/api-fetch";
import type { Connection } from "@/components/call/use-call-session";
import { openEarly, prepareJoin, PREPARED_MAX_AGE_MS, type PreparedJoin } from "@/components/call/early-connection";
import { tokenProvider } from "@/lib/media-client/token-provider";
import { consoleApi } from "./console-api";
import type { ConsoleRole } from "@/lib/rollcalls/console-role";

/** Before 开始点名: preparing (token, socket, transports), or waiting for the click. */
export type ConsoleStart = "open" | "preparing" | "starting";

/**
 * The console's way into the roll call's room. The socket to the media node opens at once and
 * authenticates when the token arrives; if the token names another node (issue 11: a network of
 * nodes), that socket never authenticates and the console connects there.
 * - A host whose roll call is not open yet (issue 14) gets it ready before the call opens:
 *   `prepare` gives a token for the room the roll call will have, the session authenticates,
 *   loads the Device and makes and connects both transports (the join screen's machinery,
 *   early-connection.ts), then waits. `start()` (开始点名) sends `open` and releases the join at
 *   the same moment: the node admits the officer on the prepared connection while the portal
 *   commits the open; the persons waiting on their links are told by the portal, on its commit.
 *   A prepare older than PREPARED_MAX_AGE_MS is done again (fresh token, socket, transports).
 * - A host whose roll call is open (a reload) gets a token by `open`, which opens nothing again.
 * - A superior asks for an observer token.
 */
export function useConsoleConnection(rollCallId: string, role: ConsoleRole, mediaUrl: string, openAtLoad: boolean) {
  const [attempt, setAttempt] = useState(0);
  const [connection, setConnection] = useState<Connection | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [start, setStart] = useState<ConsoleStart>(role === "host" && !openAtLoad ? "preparing" : "open");
  const prepared = useRef<PreparedJoin | null>(null);
  /** The call is open (or we asked it to be): tokens come from `open` from now on. */
  const opened = useRef(role !== "host" || openAtLoad);

  useEffect(() => {
    let cancelled = false;
    const fetchGrant = () => (role !== "host" ? consoleApi.observe(rollCallId) : opened.current ? consoleApi.open(rollCallId) : consoleApi.prepare(rollCallId));
    const refreshToken = tokenProvider(fetchGrant);
    const elsewhere = (grant: { mediaUrl: string; token: string }, gate?: Promise<void>) => {
      if (!cancelled) setConnection({ mediaUrl: grant.mediaUrl, token: grant.token, refreshToken, ...(gate ? { gate } : {}) });
    };
    setError(null);
    if (!opened.current) {
      const waiting = openEarly(mediaUrl);
      const ready = prepareJoin(waiting, consoleApi.prepare(rollCallId));
      prepared.current = ready;
      void ready.grant.then((result) => {
        if (cancelled) return;
        if (!result.ok) {
          waiting.abandon();
          setError(result.error);
        } else if (result.data.mediaUrl !== mediaUrl) {
          waiting.abandon();
          elsewhere(result.data, ready.gate);
        }
      });
      setConnection({ ...waiting.connection, refreshToken, gate: ready.gate });
      // Left ready for long: prepare again before the token grows old (the node renews the
      // transports itself every MEDIA_PREPARED_TRANSPORT_SECONDS meanwhile: CallSession).
      const stale = setTimeout(() => {
        if (prepared.current === ready && !opened.current) setAttempt((n) => n + 1);
      }, PREPARED_MAX_AGE_MS);
      return () => {
        cancelled = true;
        clearTimeout(stale);
      };
    }
    prepared.current = null;
    const waiting = openEarly(mediaUrl);
    void fetchGrant().then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        waiting.abandon();
        setError(result.error);
      } else if (result.data.mediaUrl === mediaUrl) waiting.authenticate(result.data.token);
      else {
        waiting.abandon();
        elsewhere(result.data);
      }
    });
    setConnection({ ...waiting.connection, refreshToken });
    return () => {
      cancelled = true;
    };
  }, [rollCallId, role, mediaUrl, attempt]);

  /**
   * 开始点名: the join goes out on the prepared socket now, not after the open's answer. If the
   * open is refused (the window passed meanwhile) the console says so and the session closes.
   */
  const startCall = useCallback(() => {
    const ready = prepared.current;
    if (!ready || opened.current) return;
    opened.current = true;
    prepared.current = null;
    const answer = consoleApi.open(rollCallId);
    ready.click();
    setStart("starting");
    void answer.then((result) => {
      if (result.ok) return setStart("open");
      opened.current = false;
      setStart("preparing");
      setError(result.error);
    });
  }, [rollCallId]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { connection, error, retry, start, startCall };
}
