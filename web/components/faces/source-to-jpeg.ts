// A camera frame or an uploaded picture as a JPEG the face routes take (≤ 300,000 base64 chars).
const MAX_BASE64_CHARS = 300_000;
const MAX_WIDTH = 960;

export function sourceToJpegBase64(source: CanvasImageSource, width: number, height: number): string | null {
  if (!width || !height) return null;
  const fit = Math.min(1, MAX_WIDTH / width);
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!context) return null;
  for (const [scale, quality] of [[1, 0.9], [1, 0.75], [0.75, 0.75], [0.5, 0.7]] as const) {
    canvas.width = Math.max(16, Math.round(width * fit * scale));
    canvas.height = Math.max(16, Math.round(height * fit * scale));
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const base64 = canvas.toDataURL("image/jpeg", quality).replace(/^data:image\/jpeg;base64,/, "");
    if (base64.length <= MAX_BASE64_CHARS) return base64;
  }
  return null;
}
