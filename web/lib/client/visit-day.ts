// Visit day in the browser: the family link's calls, the staff actions, and what a family tab
// remembers across a reload (the verification ticket and how far it got).
import type { z } from "zod";
import type { ZFamilyLinkState } from "../schemas/visit-day.ts";
import { apiFetch, type ApiError, type ApiResult } from "./api-fetch.ts";
import type { JoinGrant } from "./join-grant.ts";

export type FamilyLinkState = z.infer<typeof ZFamilyLinkState>;
export type FamilyLinkRefusal = "not_found" | "revoked" | "cancelled" | "ended" | "not_yet";

const linkPath = (token: string, action = "") => `/api/v1/v/${encodeURIComponent(token)}${action}`;

export const verifyFamilyLink = (token: string, idLast4: string): Promise<ApiResult<{ verified: true; ticket: string }>> =>
  apiFetch("POST", linkPath(token, "/verify"), { idLast4 });
export const sendSnapshot = (token: string, ticket: string, imageBase64: string): Promise<ApiResult<{ stored: true; sha256: string }>> =>
  apiFetch("POST", linkPath(token, "/snapshot"), { ticket, imageBase64 });
export const joinByFamilyLink = (token: string, ticket: string): Promise<ApiResult<JoinGrant>> => apiFetch<JoinGrant>("POST", linkPath(token, "/join"), { ticket });

const REFUSALS: readonly FamilyLinkRefusal[] = ["revoked", "cancelled", "ended", "not_yet"];

export function familyRefusalOf(error: Pick<ApiError, "code" | "fields">): FamilyLinkRefusal | null {
  if (error.code === "not_found") return "not_found";
  return REFUSALS.find((reason) => reason === error.fields.link) ?? null;
}

export interface StoredFamilyLink {
  ticket: string;
  step: "device" | "snapshot" | "call";
}

const keyOf = (token: string) => `ygav.visit-link.${token}`;

export function loadFamilyLink(token: string): StoredFamilyLink | null {
  try {
    return JSON.parse(sessionStorage.getItem(keyOf(token)) ?? "null") as StoredFamilyLink | null;
  } catch {
    return null;
  }
}

export function saveFamilyLink(token: string, stored: StoredFamilyLink | null): void {
  try {
    if (stored) sessionStorage.setItem(keyOf(token), JSON.stringify(stored));
    else sessionStorage.removeItem(keyOf(token));
  } catch {
    // Private mode: a reload asks for the code again.
  }
}

const visitPath = (id: string, action: string) => `/api/v1/visits/${encodeURIComponent(id)}${action}`;

export const issueFamilyLink = (visitId: string, participantId: string) =>
  apiFetch<{ participantId: string; path: string; issuedAt: string; validUntil: string }>("POST", visitPath(visitId, `/participants/${participantId}/link`));
export const revokeFamilyLink = (visitId: string, participantId: string) => apiFetch<{ revoked: boolean }>("POST", visitPath(visitId, `/participants/${participantId}/link/revoke`));
export const confirmVisitorId = (visitId: string, participantId: string) => apiFetch("POST", visitPath(visitId, `/participants/${participantId}/confirm-id`));
export const startVisit = (visitId: string) => apiFetch<{ state: string; startedAt: string }>("POST", visitPath(visitId, "/start"));
export const cancelVisit = (visitId: string, reason: string, version: number) => apiFetch<{ state: string }>("POST", visitPath(visitId, "/cancel"), { reason, version });
