import { readFileSync } from "node:fs";
import { cropAround, decodeJpeg, encodeJpeg, mirror, resizeTo, type RgbaImage } from "@/lib/faces/testing/rgba-image";
import { demoPhotoPaths } from "@/lib/faces/testing/labelled-faces";

// Faces from the demo photos that ship in the @vladmandic/face-api npm package (no download):
// sample1.jpg shows three different people; these are their boxes in the 1920-px photo.
const SAMPLE1_FACES = {
  a: { x: 414, y: 355, width: 178, height: 178 },
  b: { x: 838, y: 421, width: 187, height: 187 },
  c: { x: 1476, y: 200, width: 203, height: 203 },
} as const;

let sample1: RgbaImage | null = null;
const photo = () => (sample1 ??= decodeJpeg(readFileSync(demoPhotoPaths()[0]!)));

/** A portrait of one person (a, b or c), `width` px wide, as an officer's camera would take it. */
export function facePhoto(who: keyof typeof SAMPLE1_FACES, options: { width?: number; margin?: number; shift?: number; brighten?: number } = {}): Buffer {
  const crop = cropAround(photo(), SAMPLE1_FACES[who], options.margin ?? 0.5, options.shift ?? 0, 0);
  return encodeJpeg(resizeTo(crop, options.width ?? 360), 88);
}

/** The whole group photo (three faces), downscaled. */
export function groupPhoto(): Buffer {
  return encodeJpeg(resizeTo(photo(), 960), 85);
}

/** A plain grey picture: a valid JPEG with no face in it. */
export function blankPhoto(): Buffer {
  const data = new Uint8Array(320 * 240 * 4).fill(128);
  return encodeJpeg({ width: 320, height: 240, data }, 85);
}

// The head turn of each portrait as the face engine measures it (landmark yaw): a and c look to
// one side, b slightly to the other. A portrait and its mirror image differ by a clear turn.
const YAW_SIGN = { a: -1, b: 1, c: -1 } as const;

/**
 * Two frames that answer the liveness challenge "turn your head left/right": the portrait and
 * its mirror image, in the order that makes the measured turn go the asked way.
 */
export function livenessFrames(who: keyof typeof SAMPLE1_FACES, direction: "left" | "right") {
  const plain = facePhoto(who);
  const mirrored = encodeJpeg(mirror(decodeJpeg(plain)), 88);
  // "left" needs the yaw to grow: start from the frame with the lower yaw.
  const [low, high] = YAW_SIGN[who] < 0 ? [plain, mirrored] : [mirrored, plain];
  const [straight, turned] = direction === "left" ? [low, high] : [high, low];
  return { straight: straight.toString("base64"), turned: turned.toString("base64") };
}
