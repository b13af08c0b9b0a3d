import type { DetectedFace, FaceScan } from "./face-engine-client.ts";

/** The face a snapshot is judged on: the most confident, largest one (a frame can catch someone behind). */
export function mainFace(scan: FaceScan): DetectedFace | null {
  return scan.faces.reduce<DetectedFace | null>((best, f) => (!best || f.score * f.box.width > best.score * best.box.width ? f : best), null);
}
