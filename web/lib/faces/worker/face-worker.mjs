// Face detection and description, off the portal's request path: this file runs in a worker
// thread (see ../face-engine-client.ts). Plain JavaScript so it runs as it is in `next start`,
// vitest and the bench, without a bundler. Everything it loads ships inside npm packages: the
// face-api models in @vladmandic/face-api/model and TensorFlow.js's WASM binaries in
// @tensorflow/tfjs-backend-wasm/dist (read from disk; nothing is fetched).
import { createRequire } from "node:module";
import path from "node:path";
import { parentPort } from "node:worker_threads";

const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs");
require("@tensorflow/tfjs-backend-wasm");
const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");
const jpeg = require("jpeg-js");

// Snapshots are at most 1280 px wide; a larger upload is refused rather than decoded.
const MAX_PIXELS = 1920 * 1920;

let ready = null;
function init() {
  ready ??= (async () => {
    await tf.setBackend("wasm");
    await tf.ready();
    const modelDir = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "model");
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  })();
  return ready;
}

/** Every face found in a JPEG, each with its detection score, box and 128-number descriptor. */
async function describe(jpegBytes, minScore) {
  await init();
  const image = jpeg.decode(jpegBytes, { useTArray: true, maxResolutionInMP: MAX_PIXELS / 1e6, formatAsRGBA: true });
  const input = tf.tidy(() => tf.tensor3d(image.data, [image.height, image.width, 4], "int32").slice([0, 0, 0], [-1, -1, 3]));
  try {
    const found = await faceapi
      .detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: minScore, maxResults: 5 }))
      .withFaceLandmarks()
      .withFaceDescriptors();
    return {
      width: image.width,
      height: image.height,
      faces: found.map((f) => ({
        score: f.detection.score,
        box: { x: f.detection.box.x, y: f.detection.box.y, width: f.detection.box.width, height: f.detection.box.height },
        descriptor: Array.from(f.descriptor),
        yaw: yawOf(f.landmarks.positions),
      })),
    };
  } finally {
    input.dispose();
  }
}

/**
 * How far the head is turned, from the 68 landmarks: the nose tip's offset from the midpoint of
 * the eyes, in inter-ocular distances (0 facing the camera; positive when the nose is to the
 * image's right). Used by the self check-in's "turn your head" liveness challenge.
 */
function yawOf(points) {
  const centre = (from, to) => {
    const slice = points.slice(from, to);
    return { x: slice.reduce((s, p) => s + p.x, 0) / slice.length, y: slice.reduce((s, p) => s + p.y, 0) / slice.length };
  };
  const left = centre(36, 42);
  const right = centre(42, 48);
  const distance = Math.hypot(right.x - left.x, right.y - left.y) || 1;
  return (points[30].x - (left.x + right.x) / 2) / distance;
}

parentPort.on("message", async (msg) => {
  try {
    if (msg.op === "warmup") {
      await init();
      parentPort.postMessage({ id: msg.id, ok: true, result: { backend: tf.getBackend(), faceApi: faceapi.version, tfjs: tf.version_core } });
      return;
    }
    const result = await describe(Buffer.from(msg.jpeg), msg.minScore);
    parentPort.postMessage({ id: msg.id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({ id: msg.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
