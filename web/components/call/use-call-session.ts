"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { browserHandlerFactory } from "@/lib/media-client/browser-handler";
import { CallSession } from "@/lib/media-client/call-session";
import { INITIAL_STATE, type CallState } from "@/lib/media-client/call-state";

declare global {
  interface Window {
    /**
     * Read-only view of the call for end-to-end tests and benchmarks: they assert that video
     * really arrives by reading decoded-frame counters from getStats (page text cannot tell a
     * frozen or black tile from a live one). It exposes nothing the page does not already hold
     * and offers no way to change the call.
     */
    __ygavCall?: { state: () => CallState; inboundVideoStats: () => ReturnType<CallSession["inboundVideoStats"]> };
  }
}

/** Where to connect and with what; a new object means a new session. */
export interface Connection {
  mediaUrl: string;
  token: string | Promise<string>;
  /** A fresh token from the portal, for when the node refuses this one (see CallOptions). */
  refreshToken?: () => Promise<string>;
  /** Join only once this settles (a join screen prepared before the click; see CallOptions.gate). */
  gate?: Promise<unknown>;
  /** The join sends this one: `token` is prepare-only (a person waiting for a roll call; see CallOptions). */
  joinToken?: Promise<string>;
}

const noSubscription = () => () => {};

/** One CallSession per connection: created after mount, closed on unmount or when it changes. */
export function useCallSession(connection: Connection | null): { session: CallSession | null; state: CallState } {
  const [session, setSession] = useState<CallSession | null>(null);

  useEffect(() => {
    if (!connection) return;
    const handlerFactory = browserHandlerFactory() ?? undefined;
    const created = new CallSession({
      mediaUrl: connection.mediaUrl,
      token: connection.token,
      refreshToken: connection.refreshToken,
      ...(connection.gate ? { gate: connection.gate } : {}),
      ...(connection.joinToken ? { joinToken: connection.joinToken } : {}),
      ...(handlerFactory ? { handlerFactory } : {}),
    });
    setSession(created);
    const probe = { state: () => created.getState(), inboundVideoStats: () => created.inboundVideoStats() };
    window.__ygavCall = probe;
    return () => {
      created.close();
      if (window.__ygavCall === probe) delete window.__ygavCall;
      setSession(null);
    };
  }, [connection]);

  const subscribe = useCallback((onChange: () => void) => (session ? session.subscribe(onChange) : noSubscription()), [session]);
  const state = useSyncExternalStore(
    subscribe,
    () => session?.getState() ?? INITIAL_STATE,
    () => INITIAL_STATE,
  );
  return { session, state };
}
