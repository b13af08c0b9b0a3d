// The evidence frame: what the officer's browser decoded from the person's video, as a JPEG.

export interface CapturedFrame {
  jpegBase64: string;
  width: number;
  height: number;
}

// The evidence route takes up to 560,000 base64 characters (≈ 410 KB of JPEG); stay well below,
// so that a slow phone connection of the officer's still uploads in a few seconds.
const MAX_BASE64_CHARS = 300_000;
const MAX_WIDTH = 1280;
const ATTEMPTS: Array<[scale: number, quality: number]> = [
  [1, 0.85],
  [1, 0.7],
  [0.75, 0.7],
  [0.5, 0.7],
  [0.5, 0.5],
];

/** The current frame of a playing <video>, or null when it has no picture yet. */
export function captureFrame(video: HTMLVideoElement): CapturedFrame | null {
  if (!video.videoWidth || !video.videoHeight) return null;
  const fit = Math.min(1, MAX_WIDTH / video.videoWidth);
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!context) return null;
  for (const [scale, quality] of ATTEMPTS) {
    canvas.width = Math.max(16, Math.round(video.videoWidth * fit * scale));
    canvas.height = Math.max(16, Math.round(video.videoHeight * fit * scale));
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const jpegBase64 = canvas.toDataURL("image/jpeg", quality).replace(/^data:image\/jpeg;base64,/, "");
    if (jpegBase64.length <= MAX_BASE64_CHARS) return { jpegBase64, width: canvas.width, height: canvas.height };
  }
  return null;
}
