import type { Prisma } from "../db/generated/client.ts";

export const visitSummaryInclude = {
  heldPerson: { select: { id: true, name: true } },
  facility: { select: { id: true, name: true } },
  familyRoom: { select: { id: true, name: true, unit: { select: { name: true } } } },
  terminal: { select: { id: true, name: true } },
  participants: { select: { role: true, name: true, relationship: true, idNumberMasked: true } },
  _count: { select: { warnings: true } },
} satisfies Prisma.VisitInclude;

type VisitWithSummary = Prisma.VisitGetPayload<{ include: typeof visitSummaryInclude }>;

/** What lists show of a visit: never the proof, the ID hashes or any link. */
export function toVisitSummary(v: VisitWithSummary) {
  const applicant = v.participants.find((p) => p.role === "applicant");
  return {
    id: v.id,
    code: v.code,
    kind: v.kind,
    state: v.state,
    privileged: v.privileged,
    heldPerson: v.heldPerson,
    facility: v.facility,
    fromHome: v.fromHome,
    familyRoom: v.familyRoom ? { id: v.familyRoom.id, name: v.familyRoom.name, unitName: v.familyRoom.unit.name } : null,
    terminal: v.terminal,
    startsAt: v.startsAt?.toISOString() ?? null,
    endsAt: v.endsAt?.toISOString() ?? null,
    applicant: applicant ? { name: applicant.name, relationship: applicant.relationship, idNumberMasked: applicant.idNumberMasked } : null,
    visitors: v.participants.filter((p) => p.role !== "social_worker").length,
    preferredSlots: Array.isArray(v.preferredSlots) ? (v.preferredSlots as Array<{ startsAt: string }>).map((s) => s.startsAt) : [],
    endedHow: v.endedHow,
    /** Visit day: when it really started and ended, and how many warnings the monitor sent. */
    startedAt: v.startedAt?.toISOString() ?? null,
    endedAt: v.endedAt?.toISOString() ?? null,
    warningCount: v._count.warnings,
    createdAt: v.createdAt.toISOString(),
  };
}

export type VisitSummary = ReturnType<typeof toVisitSummary>;
