"use client";

import { useCallback, useEffect, useState } from "react";
import type { ApiError } from "@/lib/client/api-fetch";
import type { Connection } from "@/components/call/use-call-session";
import { tokenProvider } from "@/lib/media-client/token-provider";
import { consoleApi } from "./console-api";
import type { ConsoleRole } from "@/lib/rollcalls/console-role";

/**
 * The console's way into the roll call's room: the host opens the call (a reload gets a new
 * token for the same room), a superior asks for an observer token. The socket to the media node
 * opens at once and authenticates when the token arrives; if the token names another node (issue
 * 11: a network of nodes), that socket never authenticates and the console connects there.
 */
export function useConsoleConnection(rollCallId: string, role: ConsoleRole, mediaUrl: string) {
  const [attempt, setAttempt] = useState(0);
  const [connection, setConnection] = useState<Connection | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    const fetchGrant = () => (role === "host" ? consoleApi.open(rollCallId) : consoleApi.observe(rollCallId));
    const grant = fetchGrant();
    const refreshToken = tokenProvider(fetchGrant);
    const token = grant.then((result) => {
      if (result.ok && result.data.mediaUrl === mediaUrl) return result.data.token;
      if (result.ok) {
        if (!cancelled) setConnection({ mediaUrl: result.data.mediaUrl, token: result.data.token, refreshToken });
        throw new Error("the token names another media node");
      }
      if (!cancelled) setError(result.error);
      throw new Error(result.error.message);
    });
    token.catch(() => undefined);
    setError(null);
    setConnection({ mediaUrl, token, refreshToken });
    return () => {
      cancelled = true;
    };
  }, [rollCallId, role, mediaUrl, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { connection, error, retry };
}
