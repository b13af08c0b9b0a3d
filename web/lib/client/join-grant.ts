// Getting a join token for the call page, and keeping it for the tab: a reload (or a crash of the
// tab's renderer) rejoins with the same identity, so the node gives the same place back instead
// of a second guest appearing.
import type { z } from "zod";
import type { ZJoinGrant } from "../schemas/rooms.ts";
import { apiFetch, type ApiResult } from "./api-fetch.ts";

export type JoinGrant = z.infer<typeof ZJoinGrant>;

/**
 * An invite link (host or guest), a room opened from the portal by signed-in staff, a visit's
 * room through one of its staff doors, a live room opened from the inspection wall (unseen, or to
 * speak), or a report call (hosting or answering).
 */
export type JoinTarget =
  | { kind: "code"; code: string }
  | { kind: "room"; roomId: string }
  | { kind: "visit"; visitId: string; side: "terminal" | "center" | "monitor" }
  | { kind: "inspect"; roomId: string; mode: "watch" | "speak" }
  | { kind: "report"; reportCallId: string; as: "host" | "answer" };

export interface DeviceChoice {
  audioId: string | null;
  videoId: string | null;
}

interface Stored {
  grant: JoinGrant;
  devices: DeviceChoice;
}

// A token this close to its end would be refused before the join finishes.
const EXPIRY_MARGIN_S = 15;

export function requestJoinGrant(target: JoinTarget, guestName?: string): Promise<ApiResult<JoinGrant>> {
  switch (target.kind) {
    case "code":
      return apiFetch<JoinGrant>("POST", `/api/v1/join/${encodeURIComponent(target.code)}`, guestName ? { name: guestName, guestKey: browserGuestKey() } : {});
    case "room":
      return apiFetch<JoinGrant>("POST", `/api/v1/rooms/${encodeURIComponent(target.roomId)}/join-token`);
    case "visit":
      return apiFetch<JoinGrant>("POST", `/api/v1/visits/${encodeURIComponent(target.visitId)}/join/${target.side}`);
    case "inspect":
      return target.mode === "watch"
        ? apiFetch<JoinGrant>("POST", `/api/v1/inspection/rooms/${encodeURIComponent(target.roomId)}/watch`, { mode: "watch" })
        : apiFetch<JoinGrant>("POST", `/api/v1/inspection/rooms/${encodeURIComponent(target.roomId)}/speak`);
    case "report":
      return apiFetch<JoinGrant>("POST", `/api/v1/report-calls/${encodeURIComponent(target.reportCallId)}/${target.as}`);
  }
}

/** This browser's guest key (see ZGuestJoinBody); without storage, every join is a new guest. */
function browserGuestKey(): string | undefined {
  try {
    let key = localStorage.getItem(GUEST_KEY);
    if (!key) {
      key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18)))).replace(/\+/g, "-").replace(/\//g, "_");
      localStorage.setItem(GUEST_KEY, key);
    }
    return key;
  } catch {
    return undefined;
  }
}
const GUEST_KEY = "ygav.guestKey";

const keyOf = (target: JoinTarget) => {
  switch (target.kind) {
    case "code":
      return `ygav.call.code:${target.code}`;
    case "room":
      return `ygav.call.room:${target.roomId}`;
    case "visit":
      return `ygav.call.visit:${target.visitId}:${target.side}`;
    case "inspect":
      return `ygav.call.inspect:${target.mode}:${target.roomId}`;
    case "report":
      return `ygav.call.report:${target.as}:${target.reportCallId}`;
  }
};

export function saveGrant(target: JoinTarget, grant: JoinGrant, devices: DeviceChoice): void {
  try {
    sessionStorage.setItem(keyOf(target), JSON.stringify({ grant, devices } satisfies Stored));
  } catch {
    // Private mode or storage full: a reload then simply shows the join screen again.
  }
}

/** The tab's grant for this target if its token is still good, else nothing (and it is dropped). */
export function loadGrant(target: JoinTarget): Stored | null {
  let stored: Stored | null = null;
  try {
    stored = JSON.parse(sessionStorage.getItem(keyOf(target)) ?? "null") as Stored | null;
  } catch {
    stored = null;
  }
  if (!stored?.grant?.token) return null;
  const exp = tokenExpiry(stored.grant.token);
  if (exp === null || exp - EXPIRY_MARGIN_S <= Date.now() / 1000) {
    forgetGrant(target);
    return null;
  }
  return stored;
}

export function forgetGrant(target: JoinTarget): void {
  try {
    sessionStorage.removeItem(keyOf(target));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** `exp` of a JWT, read without verifying it: the media node verifies; we only avoid a doomed try. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp : null;
  } catch {
    return null;
  }
}
