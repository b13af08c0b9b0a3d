import { sourceToJpegBase64 } from "@/components/faces/source-to-jpeg";

/** One frame of the camera track as a JPEG (base64), from a detached video element. */
export async function captureSnapshot(track: MediaStreamTrack): Promise<string | null> {
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  try {
    await video.play();
    // The first frame may not be painted when play() resolves.
    for (let i = 0; i < 20 && video.videoWidth === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return sourceToJpegBase64(video, video.videoWidth, video.videoHeight);
  } finally {
    video.pause();
    video.srcObject = null;
  }
}
