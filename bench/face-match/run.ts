// npm run bench:face-match — time per face comparison and accuracy on the labelled face set
// (web/lib/faces/testing/labelled-faces.ts) with the portal's own face engine (worker thread,
// @vladmandic/face-api on TensorFlow.js WASM). Prints the score distributions, false accept /
// false reject at the configured thresholds, and a threshold sweep.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { faceEngine } from "../../web/lib/faces/face-engine-client.ts";
import { DEFAULT_FACE_THRESHOLDS, faceSimilarity } from "../../web/lib/faces/face-match.ts";
import { oneClearFace } from "../../web/lib/faces/clear-face.ts";
import { SNAPSHOT_MIN_SCORE } from "../../web/lib/faces/compare-snapshot.ts";
import { buildLabelledFaces, mainFace } from "../../web/lib/faces/testing/labelled-faces.ts";

const engine = faceEngine();
const t0 = performance.now();
const info = await engine.warmup();
console.log(`engine: face-api ${info.faceApi}, tfjs ${info.tfjs}, backend ${info.backend}; cold start ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

const set = await buildLabelledFaces((jpeg) => engine.scan(jpeg));
const scanTimes: number[] = [];
async function scanTimed(jpeg: Buffer, minScore: number) {
  const t = performance.now();
  const scan = await engine.scan(jpeg, minScore);
  scanTimes.push(performance.now() - t);
  return scan;
}

const refs = new Map<string, number[] | null>();
const probes: Array<{ identity: string; variant: string; descriptor: number[] | null }> = [];
// As at enrolment: an identity whose reference crop has no single clear face is left out (an
// officer would take the photo again). Probes are scanned as snapshots are, at SNAPSHOT_MIN_SCORE.
let unclearReferences = 0;
for (const id of set) {
  const ref = oneClearFace(await scanTimed(id.reference.jpeg, 0.5));
  if (!("face" in ref)) {
    unclearReferences++;
    continue;
  }
  refs.set(id.identity, ref.face.descriptor);
  for (const p of id.probes) probes.push({ identity: p.identity, variant: p.variant, descriptor: mainFace(await scanTimed(p.jpeg, SNAPSHOT_MIN_SCORE))?.descriptor ?? null });
}

const genuine: number[] = [];
const impostor: number[] = [];
let noFace = 0;
const compareTimes: number[] = [];
for (const [identity, ref] of refs) {
  for (const p of probes) {
    // A probe or reference with no face found scores 0: it counts against the genuine pair.
    if (!ref || !p.descriptor) {
      if (p.identity === identity) noFace++;
      (p.identity === identity ? genuine : impostor).push(0);
      continue;
    }
    const t = performance.now();
    const score = faceSimilarity(ref, p.descriptor);
    compareTimes.push(performance.now() - t);
    (p.identity === identity ? genuine : impostor).push(score);
  }
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const rate = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)} %)`;
const { pass, review } = DEFAULT_FACE_THRESHOLDS;
console.log(`\nlabelled set: ${set.length} identities from @vladmandic/face-api demo/sample1-6.jpg (${unclearReferences} left out: reference not one clear face), 1 reference + ${probes.length / refs.size} probes each`);
console.log(`pairs: ${genuine.length} genuine, ${impostor.length} impostor; probes with no face found: ${noFace}`);
console.log(`scan (detect + describe, one snapshot): median ${pct(scanTimes, 0.5).toFixed(0)} ms, p95 ${pct(scanTimes, 0.95).toFixed(0)} ms over ${scanTimes.length}`);
console.log(`compare two descriptors: median ${(pct(compareTimes, 0.5) * 1000).toFixed(1)} µs`);
console.log(`genuine scores: min ${Math.min(...genuine).toFixed(3)}, p5 ${pct(genuine, 0.05).toFixed(3)}, median ${pct(genuine, 0.5).toFixed(3)}`);
console.log(`impostor scores: median ${pct(impostor, 0.5).toFixed(3)}, p95 ${pct(impostor, 0.95).toFixed(3)}, max ${Math.max(...impostor).toFixed(3)}`);
console.log(`\nat pass ≥ ${pass}, review ≥ ${review}:`);
console.log(`  false accept (impostor passes):        ${rate(impostor.filter((s) => s >= pass).length, impostor.length)}`);
console.log(`  impostor sent to review:               ${rate(impostor.filter((s) => s >= review && s < pass).length, impostor.length)}`);
console.log(`  false reject (genuine not passed):     ${rate(genuine.filter((s) => s < pass).length, genuine.length)}`);
console.log(`  genuine failed outright (< review):    ${rate(genuine.filter((s) => s < review).length, genuine.length)}`);
const found = genuine.length - noFace;
console.log(`  false reject where a face was found:   ${rate(genuine.filter((s) => s > 0 && s < pass).length, found)}`);
console.log("\nsweep: threshold  FAR  FRR");
for (let t = 0.3; t <= 0.701; t += 0.05) {
  const far = impostor.filter((s) => s >= t).length / impostor.length;
  const frr = genuine.filter((s) => s < t).length / genuine.length;
  console.log(`  ${t.toFixed(2)}  ${(100 * far).toFixed(2)} %  ${(100 * frr).toFixed(2)} %`);
}
for (const variant of new Set(probes.map((p) => p.variant))) {
  const own = probes.filter((p) => p.variant === variant);
  const scores = own.map((p) => (refs.get(p.identity) && p.descriptor ? faceSimilarity(refs.get(p.identity)!, p.descriptor) : 0));
  console.log(`  variant ${variant}: genuine median ${pct(scores, 0.5).toFixed(3)}, min ${Math.min(...scores).toFixed(3)}`);
}
await engine.close();
