/** What the API says about an enrolment: never the descriptor, and the photo only by its URL (each view audited). */
export function toFaceEnrolmentDto(e: { id: string; personId: string; sha256: string; width: number; height: number; faceScore: number; source: string; enrolledAt: Date; supersededAt: Date | null }) {
  return {
    id: e.id,
    sha256: e.sha256,
    width: e.width,
    height: e.height,
    faceScore: Math.round(e.faceScore * 1000) / 1000,
    source: e.source as "camera" | "upload",
    enrolledAt: e.enrolledAt.toISOString(),
    supersededAt: e.supersededAt?.toISOString() ?? null,
    current: e.supersededAt === null,
    photoUrl: `/api/v1/persons/${e.personId}/face/${e.id}/photo`,
  };
}
