"use client";

import { useEffect, useRef, useState } from "react";
import type { JoinGrant } from "@/lib/client/join-grant";
import { fetchLinkState, joinByLink, refusalOf, type LinkRefusal, type LinkState } from "@/lib/client/rollcall-link";
import { listenToLink } from "@/lib/client/rollcall-link-events";

export type WaitOutcome = { kind: "grant"; grant: JoinGrant } | { kind: "refused"; reason: LinkRefusal } | { kind: "reverify" };

const FIRST_DELAY_MS = 2000;
/** Near the start a person waits at most this long after the officer opens the call. */
const NEAR_START_MAX_DELAY_MS = 5000;
/** A link opened long before the start asks rarely; it speeds up as the start comes near. */
const EARLY_MAX_DELAY_MS = 30_000;
const EARLY_BEFORE_START_MS = 10 * 60_000;
/** While the event stream is open it says when the call opens; the poll is only its backstop. */
const WITH_STREAM_MAX_DELAY_MS = 30_000;

/**
 * Waits for the officer to open the call and joins the moment it is live. The portal pushes the
 * opening on the link's event stream (GET /api/v1/r/{token}/events, a NOTIFY from whichever portal
 * process the officer used); the page also asks now and then, with backoff (faster near the start
 * and while the stream is down, at once when the network or the tab comes back), so a proxy that
 * drops the stream costs seconds, not the call.
 */
export function useWaitForCall({ token, ticket, startsAt, active, onLink, onOutcome }: {
  token: string;
  ticket: string;
  startsAt: string;
  active: boolean;
  onLink: (link: LinkState) => void;
  onOutcome: (outcome: WaitOutcome) => void;
}): { offline: boolean; joining: boolean } {
  const [offline, setOffline] = useState(false);
  const [joining, setJoining] = useState(false);
  const callbacks = useRef({ onLink, onOutcome });
  callbacks.current = { onLink, onOutcome };

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_DELAY_MS;
    let inFlight = false;
    let again = false;
    let streamOpen = false;
    let pendingPush: { link: LinkState; grant: JoinGrant | undefined } | undefined;
    const maxDelay = () =>
      streamOpen ? WITH_STREAM_MAX_DELAY_MS : new Date(startsAt).getTime() - Date.now() > EARLY_BEFORE_START_MS ? EARLY_MAX_DELAY_MS : NEAR_START_MAX_DELAY_MS;
    const finish = (outcome: WaitOutcome) => {
      if (!cancelled) callbacks.current.onOutcome(outcome);
    };

    /**
     * `pushed`: the stream just said the call is live, so skip asking; with `grant` it also gave
     * this browser's join token (issue 14), so the join goes at once.
     */
    async function check(pushed?: LinkState, grant?: JoinGrant): Promise<"done" | "wait"> {
      const state = pushed ? ({ ok: true, data: pushed } as const) : await fetchLinkState(token);
      if (cancelled) return "done";
      if (!state.ok) {
        const refusal = refusalOf(state.error);
        if (refusal) {
          finish({ kind: "refused", reason: refusal });
          return "done";
        }
        setOffline(state.error.status === 0);
        return "wait";
      }
      setOffline(false);
      callbacks.current.onLink(state.data);
      if (state.data.rollCall.state !== "live") return "wait";
      setJoining(true);
      const joined = grant ? ({ ok: true, data: grant } as const) : await joinByLink(token, ticket);
      if (cancelled) return "done";
      if (joined.ok) {
        finish({ kind: "grant", grant: joined.data });
        return "done";
      }
      setJoining(false);
      const refusal = refusalOf(joined.error);
      if (refusal) finish({ kind: "refused", reason: refusal });
      // The ticket was retired (the code was entered again in another browser): ask again here.
      else if (joined.error.status === 403) finish({ kind: "reverify" });
      else return "wait";
      return "done";
    }

    async function tick(pushed?: LinkState, grant?: JoinGrant) {
      if (inFlight) {
        // A push that arrives while an ask is on its way is kept for the next turn, not dropped.
        if (pushed) pendingPush = { link: pushed, grant };
        again = true;
        return;
      }
      inFlight = true;
      clearTimeout(timer);
      const result = await check(pushed, grant);
      inFlight = false;
      if (cancelled || result === "done") return;
      if (again) {
        again = false;
        const next = pendingPush;
        pendingPush = undefined;
        void tick(next?.link, next?.grant);
        return;
      }
      timer = setTimeout(() => void tick(), delay);
      delay = Math.min(Math.round(delay * 1.5), maxDelay());
    }

    const wake = () => {
      if (document.visibilityState === "hidden") return;
      delay = FIRST_DELAY_MS;
      void tick();
    };
    const closeStream = listenToLink(token, {
      onOpen: () => {
        streamOpen = true;
        setOffline(false);
      },
      onDown: (closedForGood) => {
        streamOpen = false;
        // Refused at the door (the link stopped working, or too many pages): ask now, which says why.
        if (closedForGood && !cancelled) void tick();
      },
      onEvent: (event) => {
        if (cancelled) return;
        if (event.type === "refused") {
          // The poll asks the same link and says why (or finds it usable again after all).
          delay = FIRST_DELAY_MS;
          void tick();
        } else if (event.link.rollCall.state === "live") void tick(event.link, event.grant);
        else callbacks.current.onLink(event.link);
      },
    });
    void tick();
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", wake);
    return () => {
      cancelled = true;
      closeStream();
      clearTimeout(timer);
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [active, token, ticket, startsAt]);

  return { offline, joining };
}
