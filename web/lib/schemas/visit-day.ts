import { z } from "zod";
import { ZId, zLine } from "./common.ts";
import { ZVisitKind, ZVisitState } from "./visits.ts";

/** A family member's personal visit link: `<participant id>.<22-char HMAC>`. */
export const ZFamilyLinkParams = z.strictObject({ token: z.string().regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/, "invalid_format") });

export const ZParticipantParams = z.strictObject({ id: ZId, participantId: ZId });

export const ZStaffJoinSide = z.enum(["terminal", "center", "monitor"]);
export const ZVisitJoinParams = z.strictObject({ id: ZId, side: ZStaffJoinSide });

/** What the link page shows before the ID check: time and place, no personal data. */
export const ZFamilyLinkState = z
  .object({
    kind: ZVisitKind,
    facilityName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    privileged: z.boolean(),
    mustRecord: z.boolean(),
    codeKind: z.literal("id_last4"),
  })
  .meta({ id: "FamilyLinkState" });

export const ZFamilyLinkVerify = z.strictObject({ idLast4: z.string().regex(/^\d{3}[\dXx]$/, "invalid_format") });
export const ZFamilyTicket = z.strictObject({ ticket: z.string().min(10).max(64) });
/** A JPEG of the visitor's face, ≤ 400 KB (base64 ≤ 546,136 characters). */
export const ZHomeSnapshot = z.strictObject({
  ticket: z.string().min(10).max(64),
  imageBase64: z.string().min(8).max(546_136, "too_large").regex(/^[A-Za-z0-9+/]+=*$/, "invalid_format"),
});

export const ZFamilyLinkIssued = z.object({ participantId: z.string(), path: z.string(), issuedAt: z.string(), validUntil: z.string() });
export const ZVisitCancel = z.strictObject({ reason: zLine(200).min(1, "required"), version: z.number().int().min(1) });
export const ZVisitStarted = z.object({ id: z.string(), state: ZVisitState, startedAt: z.string() });
