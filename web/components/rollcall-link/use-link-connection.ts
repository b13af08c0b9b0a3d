"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { openEarly, type EarlyConnection } from "@/components/call/early-connection";
import type { Connection } from "@/components/call/use-call-session";
import { connectionGrant, prepareByLink } from "@/lib/client/rollcall-link";
import type { JoinGrant } from "@/lib/client/join-grant";
import { tokenProvider } from "@/lib/media-client/token-provider";

/** After a failed prepare (network, portal busy), ask again within this long. */
const RETRY_MS = 5000;
/** Persons who waited for the lead time do not all ask in the same second. */
const SPREAD_MS = 3000;

interface Waiting {
  early: EarlyConnection;
  mediaUrl: string;
  /** The socket has a token (prepare-only, or the live call's). */
  authenticated: boolean;
  /** Lets the session's join go, with the join token. */
  join: (token: string) => void;
}

/**
 * The link page's connection to the media node, from the wait into the call (issue 14). While
 * the person waits the socket is open already; from the console's lead time `prepare` gives a
 * prepare-only token, and the session authenticates, loads the room's capabilities and makes
 * and connects both transports (CallSession's prepared join), then waits. `joinGrant` (the
 * push said the call opened and `join` answered) lets the join go with the join token: it is
 * the only request left. A grant for another node than the page's connects there.
 */
export function useLinkConnection({ token, ticket, mediaUrl, waiting }: { token: string; ticket: string; mediaUrl: string; waiting: boolean }) {
  const [connection, setConnection] = useState<Connection | null>(null);
  const current = useRef<Waiting | null>(null);
  const [attempt, setAttempt] = useState(0);
  const refreshToken = useMemo(() => tokenProvider(() => connectionGrant(token, ticket)), [token, ticket]);

  useEffect(() => {
    if (!waiting || !ticket) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const early = openEarly(mediaUrl);
    let join!: (joinToken: string) => void;
    const joinToken = new Promise<string>((resolve) => (join = resolve));
    const mine: Waiting = { early, mediaUrl, authenticated: false, join };
    current.current = mine;
    setConnection({ ...early.connection, joinToken, refreshToken });

    const prepare = async () => {
      const answer = await prepareByLink(token, ticket);
      if (cancelled) return;
      // A refusal is the wait's to tell (it asks the same link); a failure is asked again.
      if (!answer.ok) {
        if (answer.error.status === 0 || answer.error.status >= 500) timer = setTimeout(() => void prepare(), RETRY_MS);
        return;
      }
      if (answer.data.state === "early") {
        const wait = new Date(answer.data.preparesAt).getTime() - Date.now() + Math.random() * SPREAD_MS;
        timer = setTimeout(() => void prepare(), Math.max(0, wait));
        return;
      }
      const { grant } = answer.data;
      mine.authenticated = true;
      if (grant.mediaUrl === mine.mediaUrl) return early.authenticate(grant.token);
      early.abandon();
      mine.mediaUrl = grant.mediaUrl;
      setConnection({ mediaUrl: grant.mediaUrl, token: grant.token, joinToken, refreshToken });
    };
    void prepare();

    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (current.current !== mine) return;
      // Left waiting without the call (refused, back to verify): this connection is nobody's.
      current.current = null;
      if (!mine.authenticated) early.abandon();
      setConnection(null);
    };
  }, [waiting, ticket, mediaUrl, token, refreshToken, attempt]);

  /** The call is live and `grant` is this person's join token: the join goes now. */
  const joinWith = useCallback(
    (grant: JoinGrant) => {
      const mine = current.current;
      current.current = null;
      if (mine && mine.mediaUrl === grant.mediaUrl) {
        // Never prepared (too early, or the portal was away): the join token opens the socket too.
        if (!mine.authenticated) mine.early.authenticate(grant.token);
        mine.authenticated = true;
        mine.join(grant.token);
        return;
      }
      if (mine && !mine.authenticated) mine.early.abandon();
      setConnection({ mediaUrl: grant.mediaUrl, token: grant.token, refreshToken });
    },
    [refreshToken],
  );

  /** Out of the call (left, or back to the wait): a fresh connection is made when waiting again. */
  const drop = useCallback(() => setConnection(null), []);
  /** The waiting session ended (its token refused on a reconnect, the node gone): start the wait's connection again. */
  const restart = useCallback(() => setAttempt((n) => n + 1), []);
  return { connection, joinWith, drop, restart };
}
