"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Connection } from "@/components/call/use-call-session";
import { connectionGrant, prepareByLink } from "@/lib/client/rollcall-link";
import type { JoinGrant } from "@/lib/client/join-grant";
import { tokenProvider } from "@/lib/media-client/token-provider";

/** After a failed prepare (network, portal busy), ask again within this long. */
const RETRY_MS = 5000;
/** Persons who waited for the lead time do not all ask in the same second. */
const SPREAD_MS = 3000;

/** One wait's connection: where it was prepared (null: not yet), and the release of its join. */
interface Wait {
  mediaUrl: string | null;
  join: (token: string) => void;
  /** The call's grant came: this wait's connection is the call's now, or was never made. */
  taken: boolean;
}

/**
 * The link page's connection to the media node, from the wait into the call (issue 14). From the
 * console's lead time `prepare` gives a prepare-only token, and the session connects with it:
 * it loads the room's capabilities and makes and connects both transports (CallSession's prepared
 * join), then waits. `joinWith` (the push said the call is live, with the join token) lets the
 * join go with that token: it is the only request left. A page that is not prepared by then
 * (the portal was away) connects with the join token from scratch, as does a grant for another
 * node. A link opened hours early holds nothing on the node until the lead time.
 */
export function useLinkConnection({ token, ticket, waiting }: { token: string; ticket: string; waiting: boolean }) {
  const [connection, setConnection] = useState<Connection | null>(null);
  const [attempt, setAttempt] = useState(0);
  const current = useRef<Wait | null>(null);
  const refreshToken = useMemo(() => tokenProvider(() => connectionGrant(token, ticket)), [token, ticket]);

  useEffect(() => {
    if (!waiting || !ticket) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let join!: (joinToken: string) => void;
    const joinToken = new Promise<string>((resolve) => (join = resolve));
    const wait: Wait = { mediaUrl: null, join, taken: false };
    current.current = wait;

    const prepare = async () => {
      const answer = await prepareByLink(token, ticket);
      if (cancelled || wait.taken) return;
      // A refusal is the wait's to tell (it asks the same link); a failure is asked again.
      if (!answer.ok) {
        if (answer.error.status === 0 || answer.error.status >= 500) timer = setTimeout(() => void prepare(), RETRY_MS);
        return;
      }
      if (answer.data.state === "early") {
        const delay = new Date(answer.data.preparesAt).getTime() - Date.now() + Math.random() * SPREAD_MS;
        timer = setTimeout(() => void prepare(), Math.max(0, delay));
        return;
      }
      const { grant } = answer.data;
      wait.mediaUrl = grant.mediaUrl;
      setConnection({ mediaUrl: grant.mediaUrl, token: grant.token, joinToken, refreshToken });
    };
    void prepare();

    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (current.current !== wait) return;
      // Left waiting without the call (refused, back to verify): this connection is nobody's.
      current.current = null;
      setConnection(null);
    };
  }, [waiting, ticket, token, refreshToken, attempt]);

  /** The call is live and `grant` is this person's join token: the join goes now. */
  const joinWith = useCallback(
    (grant: JoinGrant) => {
      const wait = current.current;
      current.current = null;
      if (wait) wait.taken = true;
      if (wait?.mediaUrl === grant.mediaUrl) return wait.join(grant.token);
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
