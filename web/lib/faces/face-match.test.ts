import { afterAll, describe, expect, it } from "vitest";
import { oneClearFace } from "./clear-face.ts";
import { SNAPSHOT_MIN_SCORE } from "./compare-snapshot.ts";
import { faceEngine } from "./face-engine-client.ts";
import { DEFAULT_FACE_THRESHOLDS, faceSimilarity, faceVerdict } from "./face-match.ts";
import { buildLabelledFaces, mainFace } from "./testing/labelled-faces.ts";

describe("face match thresholds", () => {
  it("scores identical descriptors 1, far ones 0, and sorts scores into pass / review / fail", () => {
    const a = Array.from({ length: 128 }, (_, i) => Math.sin(i) / 8);
    expect(faceSimilarity(a, a)).toBe(1);
    expect(faceSimilarity(a, a.map((v) => v + 0.5))).toBe(0);
    expect(faceVerdict(DEFAULT_FACE_THRESHOLDS.pass)).toBe("pass");
    expect(faceVerdict(DEFAULT_FACE_THRESHOLDS.pass - 0.001)).toBe("review");
    expect(faceVerdict(DEFAULT_FACE_THRESHOLDS.review - 0.001)).toBe("fail");
  });
});

// The labelled set (web/lib/faces/testing/labelled-faces.ts), first two photos: every genuine
// pair whose probe shows a face passes, no impostor pair passes. The full set's figures are in
// docs/PERFORMANCE.md (npm run bench:face-match).
describe("face match on the labelled set, through the face engine's worker", { timeout: 300_000 }, () => {
  afterAll(() => faceEngine().close());

  it("passes the same person and never passes another person at the default thresholds", async () => {
    const engine = faceEngine();
    const set = await buildLabelledFaces((jpeg) => engine.scan(jpeg), { photos: 2 });
    const references: Array<{ identity: string; descriptor: number[] }> = [];
    const probes: Array<{ identity: string; descriptor: number[] }> = [];
    for (const id of set) {
      const ref = oneClearFace(await engine.scan(id.reference.jpeg, 0.5));
      if (!("face" in ref)) continue;
      references.push({ identity: id.identity, descriptor: ref.face.descriptor });
      for (const p of id.probes) {
        const face = mainFace(await engine.scan(p.jpeg, SNAPSHOT_MIN_SCORE));
        if (face) probes.push({ identity: p.identity, descriptor: face.descriptor });
      }
    }
    expect(references.length).toBeGreaterThanOrEqual(4);
    expect(probes.length).toBeGreaterThanOrEqual(references.length * 2);
    let genuine = 0;
    let impostor = 0;
    for (const ref of references) {
      for (const probe of probes) {
        const verdict = faceVerdict(faceSimilarity(ref.descriptor, probe.descriptor));
        if (probe.identity === ref.identity) {
          genuine++;
          expect(verdict, `${ref.identity} vs own probe`).toBe("pass");
        } else {
          impostor++;
          expect(verdict, `${ref.identity} vs ${probe.identity}`).not.toBe("pass");
        }
      }
    }
    expect(genuine).toBeGreaterThan(0);
    expect(impostor).toBeGreaterThan(genuine);
  });
});
