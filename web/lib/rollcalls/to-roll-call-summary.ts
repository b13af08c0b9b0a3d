import type { AttendanceStatus, RollCall, Unit } from "../db/generated/client.ts";
import { ZAttendanceStatus } from "../schemas/rollcalls.ts";

export type StatusCounts = Record<AttendanceStatus, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(ZAttendanceStatus.options.map((s) => [s, 0])) as StatusCounts;
}

/**
 * Present and late over everyone expected; excused persons are not expected. 待核验 (joined, never
 * marked) is expected and not present: only an officer's mark makes 已到.
 */
export function attendanceRate(counts: StatusCounts): number | null {
  const expected = counts.present + counts.late + counts.absent + counts.pending + counts.unverified;
  return expected === 0 ? null : (counts.present + counts.late) / expected;
}

export function toRollCallSummary(rollCall: RollCall & { unit: Pick<Unit, "name"> }, counts: StatusCounts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: rollCall.id,
    title: rollCall.title,
    unitId: rollCall.unitId,
    unitName: rollCall.unit.name,
    createdById: rollCall.createdById,
    startsAt: rollCall.startsAt.toISOString(),
    graceMinutes: rollCall.graceMinutes,
    endsAt: rollCall.endsAt.toISOString(),
    livenessEnabled: rollCall.livenessEnabled,
    state: rollCall.state,
    seriesId: rollCall.seriesId,
    rrule: rollCall.rrule,
    version: rollCall.version,
    counts,
    total,
    attendanceRate: attendanceRate(counts),
  };
}
