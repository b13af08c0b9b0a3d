// The console's calls to the roll-call API, typed by the one contract (lib/api/routes.ts).
import type { z } from "zod";
import { apiFetch, type ApiResult } from "@/lib/client/api-fetch";
import type { JoinGrant } from "@/lib/client/join-grant";
import type { ZFaceMatch } from "@/lib/schemas/faces";
import type { MarkOrigin } from "./mark-origin";
import type { ZAttendanceStatus, ZChallenge, ZMarkBody, ZRollCallAttachment, ZRollCallDetail } from "@/lib/schemas/rollcalls";

// The route contract erases its response types; these mirror the responses of lib/api/routes.ts.
export type RollCallDetail = z.infer<typeof ZRollCallDetail>;
export type RosterEntry = RollCallDetail["entries"][number];
export type Mark = z.infer<typeof ZMarkBody>["status"];
/** What the officer wrote with a mark: a remark, and for 请假 its reason. */
export type MarkNote = Pick<z.infer<typeof ZMarkBody>, "remark" | "excuseReason">;
export type CallResult = { entryId: string; calledAt: string; challenge: z.infer<typeof ZChallenge> | null; delivered: boolean };
type MarkResult = { id: string; status: z.infer<typeof ZAttendanceStatus>; markedAt: string; version: number; applied: boolean; notified: boolean };

/**
 * A mark answers in well under a second; one that has not answered by then was lost on the way
 * (the officer's network dropped mid-request) and is sent again. A late first copy cannot undo a
 * newer mark: each carries its number in the console tab, and the server keeps the higher.
 */
export const MARK_DEADLINE_MS = 10_000;
type JudgeResult = { entryId: string; result: "passed" | "failed"; answeredAt: string };
export type EvidenceResult = { id: string; sha256: string; takenAt: string; url: string; faceMatch: z.infer<typeof ZFaceMatch> };

const base = (rollCallId: string) => `/api/v1/rollcalls/${encodeURIComponent(rollCallId)}`;
const entryPath = (rollCallId: string, entryId: string) => `${base(rollCallId)}/entries/${encodeURIComponent(entryId)}`;

export const consoleApi = {
  detail: (rollCallId: string) => apiFetch<RollCallDetail>("GET", base(rollCallId)),
  /** Host: opens the call (again after a reload: same room, new token). */
  open: async (rollCallId: string): Promise<ApiResult<JoinGrant>> => {
    const result = await apiFetch<{ rollCallId: string; grant: JoinGrant }>("POST", `${base(rollCallId)}/open`);
    return result.ok ? { ok: true, data: result.data.grant } : result;
  },
  /** Host, before the call opens: a token for the room it will have; changes nothing (issue 14). */
  prepare: async (rollCallId: string): Promise<ApiResult<JoinGrant>> => {
    const result = await apiFetch<{ rollCallId: string; opened: boolean; grant: JoinGrant }>("POST", `${base(rollCallId)}/prepare`);
    return result.ok ? { ok: true, data: result.data.grant } : result;
  },
  observe: (rollCallId: string) => apiFetch<JoinGrant>("POST", `${base(rollCallId)}/observe`),
  end: (rollCallId: string) => apiFetch<RollCallDetail>("POST", `${base(rollCallId)}/end`),
  mark: (rollCallId: string, entryId: string, status: Mark, origin: MarkOrigin, note: MarkNote = {}) =>
    apiFetch<MarkResult>("POST", `${entryPath(rollCallId, entryId)}/mark`, { status, origin, ...note }, { timeoutMs: MARK_DEADLINE_MS }),
  attachExcuse: (rollCallId: string, entryId: string, fileBase64: string) =>
    apiFetch<z.infer<typeof ZRollCallAttachment>>("POST", `${entryPath(rollCallId, entryId)}/excuse-attachment`, { fileBase64 }, { timeoutMs: 120_000 }),
  call: (rollCallId: string, entryId: string) => apiFetch<CallResult>("POST", `${entryPath(rollCallId, entryId)}/call`),
  judge: (rollCallId: string, entryId: string, result: "passed" | "failed") =>
    apiFetch<JudgeResult>("POST", `${entryPath(rollCallId, entryId)}/challenge`, { result }),
  evidence: (rollCallId: string, entryId: string, frame: { jpegBase64: string; width: number; height: number }) =>
    apiFetch<EvidenceResult>("POST", `${entryPath(rollCallId, entryId)}/evidence`, frame),
};
