"use client";

import { useEffect, useRef, useState } from "react";
import type { PeerInfo } from "../../../server/src/protocol/entities.ts";
import type { RosterEntry } from "./console-api";
import { peerIdOfPerson } from "./roster-model";

export interface Departure {
  /** When the console saw the called person go (epoch ms): the answer timer stops there. */
  at: number;
  /** left: gone from the room; disconnected: the node is holding their place for a reconnect. */
  reason: "left" | "disconnected";
}

/**
 * The person being called left the room (or lost their connection) after the call: the console
 * says so and stops the answer timer instead of counting on. Someone who was never in the room
 * since the call is not "leaving" (the call's own notice says the challenge was not delivered).
 * After a reload the portal's record of the node's leave report gives the same answer.
 */
export function useCalledDeparture(called: RosterEntry | null, peers: readonly PeerInfo[]): Departure | null {
  const key = called ? `${called.id}:${called.calledAt}` : null;
  const peer = called ? peers.find((p) => p.id === peerIdOfPerson(called.personId) && !p.observer) : undefined;
  const gone = called !== null && (!peer || !peer.connected);
  const presentFor = useRef<string | null>(null);
  const [seen, setSeen] = useState<{ key: string; at: number } | null>(null);

  useEffect(() => {
    if (!key) return;
    if (!gone) {
      presentFor.current = key;
      setSeen(null);
    } else if (presentFor.current === key) {
      setSeen((current) => (current?.key === key ? current : { key, at: Date.now() }));
    }
  }, [key, gone]);

  if (!called || !gone) return null;
  const reason = peer ? "disconnected" : "left";
  if (seen?.key === key) return { at: seen.at, reason };
  const leftAt = called.leftAt ? Date.parse(called.leftAt) : NaN;
  return called.calledAt && leftAt >= Date.parse(called.calledAt) ? { at: leftAt, reason } : null;
}
