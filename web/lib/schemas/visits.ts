import { z } from "zod";
import { ZDate, ZDateTime, ZId, zLine, zText } from "./common.ts";
import { ZIdNumber, ZPhone } from "./persons.ts";

/** The proof of relationship travels as base64 inside the JSON body: 5 MB of bytes is ≤ 6,990,508 characters. */
export const PROOF_MAX_BYTES = 5 * 1024 * 1024;
const PROOF_MAX_BASE64 = Math.ceil(PROOF_MAX_BYTES / 3) * 4;

export const ZRelationship = z.enum(["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other_relative", "lawyer"]);
export const ZVisitState = z.enum(["submitted", "booked", "rejected", "cancelled", "in_progress", "ended"]);
export const ZVisitKind = z.enum(["visit", "help_education"]);

const ZWeekdayHours = z.array(z.tuple([z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)])).max(6);

export const ZOpeningHours = z
  .partialRecord(z.enum(["0", "1", "2", "3", "4", "5", "6"]), ZWeekdayHours)
  .refine((value) => Object.values(value).every((windows) => windows.every(([from, to]) => from < to)), "invalid_hours")
  .meta({ description: "Opening hours per weekday in China time (0 = Sunday): { \"1\": [[\"09:00\",\"11:30\"],[\"14:00\",\"17:00\"]] }" });

export const ZVisitRoomCreate = z
  .strictObject({
    unitId: ZId,
    name: zText(60),
    openingHours: ZOpeningHours,
    slotMinutes: z.number().int().min(1).max(240).default(30),
    closedDates: z.array(ZDate).max(366).default([]),
  })
  .meta({ id: "VisitRoomCreate" });

export const ZVisitRoom = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    kind: z.enum(["room", "terminal"]),
    name: z.string(),
    openingHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    slotMinutes: z.number().int(),
    closedDates: z.array(z.string()),
  })
  .meta({ id: "VisitRoom" });

export const ZVisitOptions = z
  .object({
    facilities: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(["prison", "detox"]) })),
    rooms: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })),
  })
  .meta({ id: "VisitOptions" });

export const ZFreeSlotsQuery = z.strictObject({
  roomId: ZId.optional().meta({ description: "A family-side room; omitted with facilityId for home visits" }),
  facilityId: ZId.optional().meta({ description: "For home visits: the facility's terminals' free slots" }),
  days: z.coerce.number().int().min(1).max(21).default(14),
});

export const ZFreeSlots = z.object({ slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })) }).meta({ id: "FreeSlots" });

const ZCoVisitor = z.strictObject({ name: zText(40), idNumber: ZIdNumber, relationship: ZRelationship });

export const ZVisitApply = z
  .strictObject({
    name: zText(40),
    idNumber: ZIdNumber,
    phone: ZPhone,
    relationship: ZRelationship,
    heldPersonName: zText(40),
    facilityId: ZId,
    fromHome: z.boolean().default(false),
    roomId: ZId.optional(),
    preferredSlots: z.array(ZDateTime).min(1).max(3),
    coVisitors: z.array(ZCoVisitor).max(2).default([]),
    proofBase64: z.string().min(8).max(PROOF_MAX_BASE64, "too_large").regex(/^[A-Za-z0-9+/]+=*$/, "invalid_format"),
  })
  .refine((v) => v.fromHome || v.roomId !== undefined, { message: "required", path: ["roomId"] })
  .meta({ id: "VisitApply" });

export const ZVisitApplied = z.object({ code: z.string(), statusUrl: z.string() }).meta({ id: "VisitApplied" });

export const ZVisitCodeParams = z.strictObject({ visitCode: z.string().min(6).max(20).regex(/^[0-9A-Z]+$/, "invalid_format") });

export const ZVisitStatusBody = z.strictObject({ idLast4: z.string().trim().toUpperCase().regex(/^\d{3}[\dX]$/, "invalid_format") });

export const ZVisitPublicStatus = z
  .object({
    code: z.string(),
    state: ZVisitState,
    facilityName: z.string(),
    heldPersonName: z.string(),
    fromHome: z.boolean(),
    roomName: z.string().nullable(),
    roomUnitName: z.string().nullable(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    rejectReason: z.string().nullable(),
    submittedAt: z.string(),
  })
  .meta({ id: "VisitPublicStatus" });

export const ZVisitSummary = z
  .object({
    id: z.string(),
    code: z.string(),
    kind: ZVisitKind,
    state: ZVisitState,
    privileged: z.boolean(),
    heldPerson: z.object({ id: z.string(), name: z.string() }),
    facility: z.object({ id: z.string(), name: z.string() }),
    fromHome: z.boolean(),
    familyRoom: z.object({ id: z.string(), name: z.string(), unitName: z.string() }).nullable(),
    terminal: z.object({ id: z.string(), name: z.string() }).nullable(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    applicant: z.object({ name: z.string(), relationship: z.string(), idNumberMasked: z.string().nullable() }).nullable(),
    visitors: z.number().int(),
    preferredSlots: z.array(z.string()),
    endedHow: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "VisitSummary" });

export const ZVisitListQuery = z.strictObject({
  unitId: ZId.optional(),
  state: ZVisitState.optional(),
  kind: ZVisitKind.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  heldPersonId: ZId.optional(),
});

export const ZVisitList = z.object({ items: z.array(ZVisitSummary) }).meta({ id: "VisitList" });

export const ZVisitBook = z
  .strictObject({
    startsAt: ZDateTime,
    terminalId: ZId,
    version: z.number().int().min(1),
  })
  .meta({ id: "VisitBook" });

export const ZVisitReject = z.strictObject({ reason: zText(500), version: z.number().int().min(1) }).meta({ id: "VisitReject" });

export const ZVisitorBan = z.strictObject({ until: ZDate, reason: zText(500) }).meta({ id: "VisitorBan" });

export const ZHelpSessionCreate = z
  .strictObject({
    heldPersonId: ZId,
    roomId: ZId.meta({ description: "A visit room of your unit" }),
    terminalId: ZId,
    startsAt: ZDateTime,
    socialWorker: zLine(80).default(""),
    invitees: z.array(z.strictObject({ name: zText(40), relationship: ZRelationship, phone: ZPhone })).max(3).default([]),
  })
  .meta({ id: "HelpSessionCreate" });

export const ZHeldPersonRules = z
  .strictObject({
    visitsPerMonth: z.number().int().min(0).max(31).optional(),
    visitorsPerVisit: z.number().int().min(1).max(3).optional(),
    homeVisitsAllowed: z.boolean().optional(),
  })
  .meta({ id: "HeldPersonRules" });

export type TVisitApply = z.output<typeof ZVisitApply>;
export type TVisitRoomCreate = z.output<typeof ZVisitRoomCreate>;
export type TVisitListQuery = z.output<typeof ZVisitListQuery>;
export type THelpSessionCreate = z.output<typeof ZHelpSessionCreate>;
