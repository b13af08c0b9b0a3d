"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { browserHandlerFactory } from "@/lib/media-client/browser-handler";
import { CallSession } from "@/lib/media-client/call-session";
import { INITIAL_STATE } from "@/lib/media-client/call-state";
import type { Connection } from "@/components/call/use-call-session";

const noSubscription = () => () => {};

/**
 * A wall tile's own CallSession (one per live room on the current page), closed when the tile
 * unmounts: leaving a page of the wall leaves those rooms, and the node's leave reports end the
 * views in the history.
 */
export function useTileSession(connection: Connection | null) {
  const [session, setSession] = useState<CallSession | null>(null);
  useEffect(() => {
    if (!connection) return;
    const handlerFactory = browserHandlerFactory() ?? undefined;
    const created = new CallSession({ ...connection, ...(handlerFactory ? { handlerFactory } : {}) });
    setSession(created);
    return () => {
      created.close();
      setSession(null);
    };
  }, [connection]);
  const subscribe = useCallback((onChange: () => void) => (session ? session.subscribe(onChange) : noSubscription()), [session]);
  const state = useSyncExternalStore(subscribe, () => session?.getState() ?? INITIAL_STATE, () => INITIAL_STATE);
  return { session, state };
}
