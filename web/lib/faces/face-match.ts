/**
 * How alike two faces are, and what the officer is told. face-api's descriptors are compared by
 * Euclidean distance (its authors use 0.6 as "same person"); the score shown is 1 − distance,
 * clamped to 0–1, so that higher means more alike.
 */
export type FaceVerdict = "pass" | "review" | "fail";

export interface FaceThresholds {
  /** Score at or above which the faces match. */
  readonly pass: number;
  /** Score at or above which (and below pass) an officer must look; below it they do not match. */
  readonly review: number;
}

/** Defaults chosen from bench/face-match (docs/PERFORMANCE.md); FACE_MATCH_PASS / FACE_MATCH_REVIEW override them. */
export const DEFAULT_FACE_THRESHOLDS: FaceThresholds = Object.freeze({ pass: 0.55, review: 0.4 });

export function faceDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new Error("descriptors differ in length");
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export function faceSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const score = 1 - faceDistance(a, b);
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

export function faceVerdict(score: number, thresholds: FaceThresholds = DEFAULT_FACE_THRESHOLDS): FaceVerdict {
  if (score >= thresholds.pass) return "pass";
  if (score >= thresholds.review) return "review";
  return "fail";
}
