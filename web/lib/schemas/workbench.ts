import "./zod-config.ts";
import { z } from "zod";
import { ZId, zLine } from "./common.ts";

export const ZCheckInParams = z.strictObject({ id: ZId, checkInId: ZId });
export const ZPhoneParams = z.strictObject({ id: ZId, phoneId: ZId });

/** An officer's decision on a pending check-in; a rejection must say why (the record keeps it). */
export const ZCheckInDecisionBody = z
  .strictObject({ decision: z.enum(["approved", "rejected"]), note: zLine(200) })
  .refine((b) => b.decision === "approved" || b.note.length > 0, { message: "required", path: ["note"] })
  .meta({ id: "CheckInDecisionInput" });

export const ZCheckInDecided = z.object({ id: z.string(), decision: z.enum(["approved", "rejected"]), decidedAt: z.string(), decidedBy: z.string(), note: z.string() });

const unit = { unitId: z.string(), unitName: z.string() };

export const ZWorkbench = z
  .object({
    date: z.string(),
    rollCalls: z.array(z.object({ id: z.string(), title: z.string(), ...unit, startsAt: z.string(), endsAt: z.string(), state: z.string(), roster: z.number(), waiting: z.number(), marked: z.number() })),
    checkIns: z.object({
      due: z.array(z.object({ personId: z.string(), personName: z.string(), ...unit, windowKey: z.string(), startsAt: z.string(), endsAt: z.string(), state: z.enum(["open", "later", "late"]) })),
      late: z.array(z.object({ personId: z.string(), personName: z.string(), ...unit, windowKey: z.string(), startsAt: z.string(), endsAt: z.string(), state: z.literal("late") })),
      dueCount: z.number(),
      lateCount: z.number(),
      doneToday: z.number(),
      pendingCount: z.number(),
      pending: z.array(z.object({ id: z.string(), at: z.string(), reasons: z.array(z.string()), personId: z.string(), personName: z.string(), ...unit }).loose()),
    }),
    visits: z.object({
      today: z.array(z.object({ id: z.string(), code: z.string(), kind: z.string(), state: z.string(), startsAt: z.string(), heldPersonName: z.string(), ...unit }).loose()),
      waitingCount: z.number(),
      waiting: z.array(z.object({ id: z.string(), code: z.string(), createdAt: z.string(), heldPersonName: z.string(), ...unit }).loose()),
    }),
    liveRooms: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), createdAt: z.string(), ...unit })),
    byUnit: z.array(z.object({ ...unit, rollCalls: z.number(), due: z.number(), late: z.number(), pending: z.number(), visits: z.number(), applications: z.number(), liveRooms: z.number() })),
  })
  .meta({ id: "Workbench" });
