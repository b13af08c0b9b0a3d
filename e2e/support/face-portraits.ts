import { readFileSync } from "node:fs";
import { cropAround, decodeJpeg, encodeJpeg, resizeTo, type RgbaImage } from "../../web/lib/faces/testing/rgba-image.ts";
import { demoPhotoPaths } from "../../web/lib/faces/testing/labelled-faces.ts";

// Three different people in the face-api demo photo sample1.jpg (npm package), boxes in its 1920-px frame.
const FACES = { a: { x: 414, y: 355, width: 178, height: 178 }, b: { x: 838, y: 421, width: 187, height: 187 } } as const;

export function facePortrait(who: keyof typeof FACES): RgbaImage {
  return resizeTo(cropAround(decodeJpeg(readFileSync(demoPhotoPaths()[0]!)), FACES[who], 0.5), 360);
}

export function facePortraitJpegBase64(who: keyof typeof FACES): string {
  return encodeJpeg(facePortrait(who), 88).toString("base64");
}
