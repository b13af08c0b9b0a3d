import type { DetectedFace, FaceScan } from "./face-engine-client.ts";

/** A reference photo must show exactly one face, sharp and large enough to describe well. */
export const MIN_FACE_SCORE = 0.8;
export const MIN_FACE_PIXELS = 80;

export type FaceProblem = "no_face" | "several_faces" | "face_unclear" | "face_too_small";

export const FACE_PROBLEM_MESSAGES: Record<FaceProblem, string> = {
  no_face: "No face found in the photo: face the camera in good light and try again",
  several_faces: "More than one face in the photo: only the person should be in the picture",
  face_unclear: "The face is not clear enough: hold still, face the camera, in better light",
  face_too_small: "The face is too small: come closer to the camera",
};

/** The one clear face of a scan, or why there is none. Faint detections (< 0.5) never count. */
export function oneClearFace(scan: FaceScan): { face: DetectedFace } | { problem: FaceProblem } {
  if (scan.faces.length === 0) return { problem: "no_face" };
  if (scan.faces.length > 1) return { problem: "several_faces" };
  const face = scan.faces[0]!;
  if (face.score < MIN_FACE_SCORE) return { problem: "face_unclear" };
  if (Math.min(face.box.width, face.box.height) < MIN_FACE_PIXELS) return { problem: "face_too_small" };
  return { face };
}
