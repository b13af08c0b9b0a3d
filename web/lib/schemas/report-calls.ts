import "./zod-config.ts";
import { z } from "zod";
import { ZId, zText } from "./common.ts";

export const ZReportCallCreate = z.strictObject({
  title: zText(100),
  /** The subordinate centers called (units strictly below yours), at most 60. */
  unitIds: z.array(ZId).min(1).max(60),
});

export const ZReportCenterParams = z.strictObject({ id: ZId, centerId: ZId });

export const ZReportMarkBody = z.strictObject({ status: z.enum(["reported", "absent"]) });

export const ZReportCenter = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    unitLevel: z.number().int(),
    status: z.enum(["waiting", "reported", "absent"]),
    answeredAt: z.string().nullable(),
    answeredBy: z.string().nullable(),
    calledAt: z.string().nullable(),
    markedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "ReportCenter" });

export const ZReportCall = z
  .object({
    id: z.string(),
    title: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    roomId: z.string(),
    state: z.enum(["live", "ended"]),
    createdBy: z.string(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    /** You run it (call, mark, end): staff of the calling center who may write. */
    runs: z.boolean(),
    centers: z.array(ZReportCenter),
  })
  .meta({ id: "ReportCall" });

export const ZReportCallList = z.object({ items: z.array(ZReportCall) }).meta({ id: "ReportCallList" });

/** A report call ringing for your center (it has not answered yet). */
export const ZIncomingReportCall = z
  .object({ id: z.string(), title: z.string(), callerUnitName: z.string(), createdAt: z.string() })
  .meta({ id: "IncomingReportCall" });

export const ZIncomingReportCalls = z.object({ items: z.array(ZIncomingReportCall) }).meta({ id: "IncomingReportCalls" });

/** Units you may call: justice centers strictly below yours. */
export const ZReportCandidates = z
  .object({ items: z.array(z.object({ id: z.string(), name: z.string(), level: z.number().int(), parentId: z.string().nullable() })) })
  .meta({ id: "ReportCandidates" });

export type TReportCallCreate = z.infer<typeof ZReportCallCreate>;
export type TReportCall = z.infer<typeof ZReportCall>;
export type TReportCenter = z.infer<typeof ZReportCenter>;
