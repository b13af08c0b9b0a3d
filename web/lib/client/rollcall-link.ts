// The personal roll-call link in the browser: its three API calls, and what this tab remembers
// across a reload (the verification ticket, the devices chosen, how far the person got).
import type { z } from "zod";
import type { ZLinkState } from "../schemas/rollcalls.ts";
import { apiFetch, type ApiError, type ApiResult } from "./api-fetch.ts";
import type { DeviceChoice, JoinGrant } from "./join-grant.ts";

export type LinkState = z.infer<typeof ZLinkState>;

/** Why a link cannot be used; each has its own page saying what to do. */
export type LinkRefusal = "not_found" | "revoked" | "cancelled" | "expired" | "ended" | "locked";

/** How far this tab got: a reload comes back to the same step. */
export type LinkStep = "preview" | "ready" | "call";

export interface StoredLink {
  ticket: string;
  step: LinkStep;
  devices: DeviceChoice;
}

const path = (token: string, action = "") => `/api/v1/r/${encodeURIComponent(token)}${action}`;

export const fetchLinkState = (token: string): Promise<ApiResult<LinkState>> => apiFetch<LinkState>("GET", path(token));

export const verifyLink = (token: string, idLast4: string): Promise<ApiResult<{ verified: true; ticket: string }>> =>
  apiFetch("POST", path(token, "/verify"), { idLast4 });

export const joinByLink = (token: string, ticket: string): Promise<ApiResult<JoinGrant>> => apiFetch<JoinGrant>("POST", path(token, "/join"), { ticket });

/** What `prepare` answers a waiting page (issue 14): too early yet, a prepare-only token, or the live call's token. */
export type LinkPreparation = { state: "early"; preparesAt: string } | { state: "prepared" | "live"; grant: JoinGrant };

export const prepareByLink = (token: string, ticket: string): Promise<ApiResult<LinkPreparation>> =>
  apiFetch<LinkPreparation>("POST", path(token, "/prepare"), { ticket });

/** A token for the link's (re)connection: prepare-only while waiting, the join token once live; none too early. */
export async function connectionGrant(token: string, ticket: string): Promise<ApiResult<JoinGrant>> {
  const answer = await prepareByLink(token, ticket);
  if (!answer.ok) return answer;
  if (answer.data.state === "early") return { ok: false, error: { status: 409, code: "conflict", message: "The call is not ready yet", fields: {} } };
  return { ok: true, data: answer.data.grant };
}

const REFUSALS: readonly LinkRefusal[] = ["revoked", "cancelled", "expired", "ended", "locked"];

/** The refusal an API error stands for, or null when it is something else (network, wrong code, waiting). */
export function refusalOf(error: Pick<ApiError, "code" | "fields">): LinkRefusal | null {
  if (error.code === "not_found") return "not_found";
  const named = REFUSALS.find((reason) => reason === error.fields.link);
  return named ?? null;
}

const keyOf = (token: string) => `ygav.rollcall-link.${token}`;

export function loadLink(token: string): StoredLink | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(keyOf(token)) ?? "null") as StoredLink | null;
    return stored?.ticket ? stored : null;
  } catch {
    return null;
  }
}

export function saveLink(token: string, stored: StoredLink): void {
  try {
    sessionStorage.setItem(keyOf(token), JSON.stringify(stored));
  } catch {
    // Private mode or storage full: a reload then asks for the code again, nothing worse.
  }
}

export function forgetLink(token: string): void {
  try {
    sessionStorage.removeItem(keyOf(token));
  } catch {
    // Nothing stored, nothing to forget.
  }
}
