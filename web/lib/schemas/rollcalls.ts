import { z } from "zod";
import { ZDateTime, ZId, zLine, zText } from "./common.ts";
import { ZFaceMatch } from "./faces.ts";
import { parseRule } from "../rollcalls/parse-rule.ts";

export const ZAttendanceStatus = z.enum(["pending", "present", "late", "excused", "absent", "unverified"]);

/**
 * RFC 5545 RRULE body without DTSTART (the start time gives it), bounded by UNTIL or COUNT: the
 * subset parseRule reads (FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY). Whether it has any
 * occurrence from the start on is checked when the schedule is expanded.
 */
const ZRrule = z
  .string()
  .trim()
  .max(300)
  .superRefine((rule, ctx) => {
    const parsed = parseRule(rule);
    if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
  });

export const ZRollCallCreate = z
  .strictObject({
    title: zText(60),
    unitId: ZId.meta({ description: "The unit that holds the roll call (yours or one below)" }),
    startsAt: ZDateTime,
    graceMinutes: z.number().int().min(0).max(120).default(10),
    durationMinutes: z.number().int().min(5).max(480).default(30),
    livenessEnabled: z.boolean().default(true),
    personIds: z.array(ZId).min(1).max(200),
    rrule: ZRrule.optional().meta({ example: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301T000000Z" }),
  })
  .refine((v) => v.graceMinutes < v.durationMinutes, { path: ["graceMinutes"], message: "grace_exceeds_window" })
  .meta({ id: "RollCallCreate" });

export const ZRollCallUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    title: zText(60).optional(),
    startsAt: ZDateTime.optional(),
    graceMinutes: z.number().int().min(0).max(120).optional(),
    durationMinutes: z.number().int().min(5).max(480).optional(),
    livenessEnabled: z.boolean().optional(),
  })
  .meta({ id: "RollCallUpdate" });

export const ZRollCallSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    createdById: z.string().meta({ description: "The staff member who scheduled it (runs it with the unit's officers)" }),
    startsAt: z.iso.datetime(),
    graceMinutes: z.number().int(),
    endsAt: z.iso.datetime(),
    livenessEnabled: z.boolean(),
    state: z.enum(["scheduled", "live", "ended", "cancelled"]),
    seriesId: z.string().nullable(),
    rrule: z.string().nullable(),
    version: z.number().int(),
    counts: z.record(ZAttendanceStatus, z.number().int()),
    total: z.number().int(),
    /** Present + late over everyone expected (excused persons are not expected). */
    attendanceRate: z.number().nullable(),
  })
  .meta({ id: "RollCallSummary" });

export const ZRollCallList = z.object({ items: z.array(ZRollCallSummary) }).meta({ id: "RollCallList" });

export const ZRollCallListQuery = z.strictObject({
  when: z.enum(["upcoming", "live", "past"]).optional(),
  unitId: ZId.optional(),
});

export const ZRollCallAttachment = z
  .object({ id: z.string(), mimeType: z.string(), sha256: z.string(), size: z.number().int(), uploadedAt: z.iso.datetime(), url: z.string() })
  .meta({ id: "RollCallAttachment" });

export const ZRollCallEntry = z
  .object({
    id: z.string(),
    personId: z.string(),
    personName: z.string(),
    unitName: z.string(),
    status: ZAttendanceStatus,
    joinedAt: z.iso.datetime().nullable(),
    leftAt: z.iso.datetime().nullable().optional().meta({ description: "When the media node last reported the person leaving" }),
    markedAt: z.iso.datetime().nullable(),
    calledAt: z.iso.datetime().nullable(),
    challenge: z.object({ kind: z.string(), value: z.string(), result: z.string().nullable() }).nullable(),
    answeredAt: z.iso.datetime().nullable(),
    evidenceUrl: z.string().nullable().meta({ description: "The latest evidence image of this person on this roll call" }),
    faceMatch: ZFaceMatch.nullable().optional().meta({ description: "The latest snapshot compared with the enrolled face; null when not compared" }),
    link: z.string().nullable().meta({ description: "Path of the personal link (/r/<token>); null for readers who do not run the roll call" }),
    linkExpiresAt: z.iso.datetime(),
    linkState: z.enum(["active", "revoked", "locked", "expired"]),
    remark: z.string().nullable().optional().meta({ description: "The officer's remark on the stored mark" }),
    excuseReason: z.string().nullable().optional().meta({ description: "Why the person is excused (请假)" }),
    markedBy: z.string().nullable().optional().meta({ description: "Display name of the staff member who made the stored mark; null for the clock's 迟到/缺席" }),
    attachments: z.array(ZRollCallAttachment).optional().meta({ description: "Documents behind a 请假" }),
    makeUp: z
      .object({ status: ZAttendanceStatus, at: z.iso.datetime(), by: z.string().nullable() })
      .nullable()
      .optional()
      .meta({ description: "The result of a make-up call (补点) of a person marked 缺席; the status stays 缺席" }),
  })
  .meta({ id: "RollCallEntry" });

export const ZRollCallDetail = ZRollCallSummary.extend({
  entries: z.array(ZRollCallEntry),
  makeUpClosesAt: z.iso.datetime().nullable().optional().meta({ description: "Until when persons marked 缺席 may be called again (补点); null before the end" }),
}).meta({ id: "RollCallDetail" });

export const ZMakeUpCall = z
  .object({ rollCallId: z.string(), entryId: z.string(), endsAt: z.iso.datetime(), link: z.string().meta({ description: "The person's link to the make-up call (/r/<token>)" }) })
  .meta({ id: "MakeUpCall" });

export const ZRollCallCreated = z.object({ items: z.array(ZRollCallSummary) }).meta({ id: "RollCallCreated" });

export const ZEntryParams = z.strictObject({ id: ZId, entryId: ZId });

export const ZLinkTokenParams = z.strictObject({ token: z.string().regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/, "invalid_format") });

/** What a personal link shows before and after verification: never the person's data. */
export const ZLinkState = z
  .object({
    rollCall: z.object({
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      unitName: z.string(),
      state: z.enum(["scheduled", "live"]).meta({ description: "live once the officer has opened the call: the link page waits until then" }),
    }),
    verified: z.boolean(),
    attemptsLeft: z.number().int(),
  })
  .meta({ id: "RollCallLinkState" });

export const ZLinkVerifyBody = z.strictObject({ idLast4: z.string().regex(/^\d{3}[\dXx]$/, "invalid_format") }).meta({ id: "LinkVerify" });
/** What a verified browser sends back: the ticket `verify` gave it. */
export const ZLinkTicketBody = z.strictObject({ ticket: z.string().min(1).max(100) }).meta({ id: "LinkTicket" });

export const ZMarkOrigin = z.strictObject({ console: ZId, seq: z.number().int().min(1).max(2_147_483_647) });

export const ZMarkBody = z
  .strictObject({
    status: z.enum(["present", "late", "excused", "absent"]),
    overrideReason: zLine(200).optional(),
    /** The console tab that made the mark and its running number there; retries send the same. */
    origin: ZMarkOrigin.optional(),
    /** The officer's remark on this mark (kept with it, in the record and the audit chain). */
    remark: zLine(200).optional(),
    /**
     * Why the person is excused: only with 请假. The console asks for it before a 请假 is sent;
     * the API keeps it optional so that scripts and older consoles still mark (the record then
     * says 未填写事由).
     */
    excuseReason: zText(200).optional(),
  })
  .refine((v) => v.status === "excused" || v.excuseReason === undefined, { path: ["excuseReason"], message: "only_with_excused" })
  .meta({ id: "RollCallMark" });

/** A document behind a 请假: JPEG, PNG, WebP or PDF (read from its bytes), ≤ 5 MB, as base64. */
export const EXCUSE_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ZExcuseAttachmentBody = z
  .strictObject({
    fileBase64: z.string().min(8).max(Math.ceil(EXCUSE_ATTACHMENT_MAX_BYTES / 3) * 4, "too_large").regex(/^[A-Za-z0-9+/]+=*$/, "invalid_format"),
  })
  .meta({ id: "ExcuseAttachmentUpload" });

export const ZAttachmentParams = ZEntryParams.extend({ attachmentId: ZId });



export const ZChallenge = z.object({ kind: z.enum(["digits", "head"]), value: z.string() }).meta({ id: "Challenge" });

export const ZJudgeBody = z.strictObject({ result: z.enum(["passed", "failed"]) }).meta({ id: "ChallengeJudgement" });

export const ZEvidenceBody = z
  .strictObject({
    jpegBase64: z.string().min(8).max(560_000).regex(/^[A-Za-z0-9+/]+=*$/, "invalid_format"),
    width: z.number().int().min(16).max(4096),
    height: z.number().int().min(16).max(4096),
  })
  .meta({ id: "EvidenceUpload" });

export const ZEvidenceParams = ZEntryParams.extend({ evidenceId: ZId });

export const ZAttendancePoint = z
  .object({ week: z.string(), expected: z.number().int(), attended: z.number().int(), rate: z.number().nullable() })
  .meta({ id: "AttendancePoint" });

export type TRollCallCreate = z.infer<typeof ZRollCallCreate>;
export type TRollCallUpdate = z.infer<typeof ZRollCallUpdate>;
export type TRollCallListQuery = z.infer<typeof ZRollCallListQuery>;
