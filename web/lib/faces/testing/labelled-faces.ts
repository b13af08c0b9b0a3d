import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DetectedFace, FaceScan } from "../face-engine-client.ts";
export { mainFace } from "../main-face.ts";
import { adjust, cropAround, decodeJpeg, encodeJpeg, mirror, resizeTo, rotate, type RgbaImage } from "./rgba-image.ts";

/**
 * The labelled face set used by the unit test and bench/face-match: every clear face in the six
 * demo photos that ship inside the @vladmandic/face-api npm package (demo/sample1–6.jpg, group
 * photos of different people), one identity per face. Each identity has a reference crop (what
 * an officer would enrol) and probe variants of the SAME photo changed the way a phone snapshot
 * differs: other framing, scale, light, contrast, mirror, tilt, heavy JPEG compression. Genuine
 * pairs are reference vs its own probes; impostor pairs are reference vs other identities' probes.
 * Because the probes come from the same photo, the false-reject figure is optimistic compared to
 * two photos taken on different days: docs/PERFORMANCE.md says so beside it.
 */
export interface LabelledFace {
  identity: string;
  variant: string;
  jpeg: Buffer;
}

export const PROBE_VARIANTS: ReadonlyArray<{ name: string; make: (photo: RgbaImage, box: DetectedFace["box"]) => RgbaImage; quality: number }> = [
  { name: "reframed-brighter", make: (p, b) => adjust(resizeTo(cropAround(p, b, 0.6, 0.1, -0.05), 240), 30), quality: 85 },
  { name: "mirrored-flat-q50", make: (p, b) => adjust(mirror(resizeTo(cropAround(p, b, 0.5), 200)), 0, 0.75), quality: 50 },
  { name: "tilted-darker", make: (p, b) => adjust(rotate(resizeTo(cropAround(p, b, 0.5), 280), 8), -35), quality: 85 },
  { name: "small-q40", make: (p, b) => resizeTo(cropAround(p, b, 0.35, -0.05, 0.05), 140), quality: 40 },
];

const require = createRequire(import.meta.url);

export function demoPhotoPaths(): string[] {
  const dir = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo");
  return [1, 2, 3, 4, 5, 6].map((n) => path.join(dir, `sample${n}.jpg`));
}

/** Finds the identities with the engine (a scan of each photo), then cuts the reference and probe crops. */
export async function buildLabelledFaces(scan: (jpeg: Uint8Array) => Promise<FaceScan>, options: { photos?: number; probes?: number } = {}) {
  const identities: Array<{ identity: string; reference: LabelledFace; probes: LabelledFace[] }> = [];
  for (const file of demoPhotoPaths().slice(0, options.photos ?? 6)) {
    const photo = decodeJpeg(readFileSync(file));
    // Detection on a 1280-px copy (faster); boxes are scaled back to the full photo for cropping.
    const small = resizeTo(photo, 1280);
    const factor = photo.width / small.width;
    const found = await scan(encodeJpeg(small, 92));
    const clear = found.faces.filter((f) => f.score >= 0.8 && f.box.width * factor >= 100);
    clear.forEach((face, k) => {
      const box = { x: face.box.x * factor, y: face.box.y * factor, width: face.box.width * factor, height: face.box.height * factor };
      const identity = `${path.basename(file, ".jpg")}#${k + 1}`;
      identities.push({
        identity,
        reference: { identity, variant: "reference", jpeg: encodeJpeg(resizeTo(cropAround(photo, box, 0.4), 320), 90) },
        probes: PROBE_VARIANTS.slice(0, options.probes ?? PROBE_VARIANTS.length).map((v) => ({ identity, variant: v.name, jpeg: encodeJpeg(v.make(photo, box), v.quality) })),
      });
    });
  }
  return identities;
}
