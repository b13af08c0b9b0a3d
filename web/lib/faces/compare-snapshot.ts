import { config } from "../config.ts";
import type { Tx } from "../db/transaction.ts";
import { getDb } from "../db/client.ts";
import { descriptorFromBytes } from "./descriptor-bytes.ts";
import { faceEngine } from "./face-engine-client.ts";
import { faceSimilarity, faceVerdict, type FaceVerdict } from "./face-match.ts";
import { mainFace } from "./main-face.ts";

/** Snapshots are scanned more leniently than reference photos: a phone frame is rarely perfect. */
export const SNAPSHOT_MIN_SCORE = 0.3;

/**
 * The face match stored with a snapshot and shown to the officer beside the liveness result.
 * `compared`: a score and a verdict; otherwise why there is none (never a silent pass).
 */
export type FaceMatchResult =
  | { status: "compared"; score: number; verdict: FaceVerdict; thresholds: { pass: number; review: number }; enrolmentId: string; facesInSnapshot: number }
  | { status: "no_face"; verdict: "review"; enrolmentId: string }
  | { status: "not_enrolled" }
  | { status: "unavailable"; verdict: "review"; message: string };

/** Compares a JPEG snapshot with the person's current enrolment, in the face engine's worker thread. */
export async function compareSnapshot(personId: string, jpeg: Uint8Array, tx?: Tx): Promise<FaceMatchResult> {
  const db = tx ?? (await getDb());
  const reference = await db.faceEnrolment.findFirst({ where: { personId, supersededAt: null }, select: { id: true, descriptor: true } });
  if (!reference) return { status: "not_enrolled" };
  let scan;
  try {
    scan = await faceEngine().scan(jpeg, SNAPSHOT_MIN_SCORE);
  } catch (error) {
    return { status: "unavailable", verdict: "review", message: error instanceof Error ? error.message : String(error) };
  }
  const face = mainFace(scan);
  if (!face) return { status: "no_face", verdict: "review", enrolmentId: reference.id };
  const thresholds = config().faceThresholds;
  const score = faceSimilarity(descriptorFromBytes(reference.descriptor), face.descriptor);
  return { status: "compared", score, verdict: faceVerdict(score, thresholds), thresholds: { ...thresholds }, enrolmentId: reference.id, facesInSnapshot: scan.faces.length };
}
