import type { types } from "mediasoup-client";
import { cameraEncodings, type CallKind, type CaptureSize } from "./camera-encodings.ts";

/** VP8 where the device has it (simulcast); otherwise H264 baseline, one layer. */
export function pickVideoCodec(device: types.Device, capture: CaptureSize, call: CallKind): { codec?: types.RtpCodecCapability; encodings?: types.RtpEncodingParameters[] } {
  const codecs = device.rtpCapabilities.codecs ?? [];
  const vp8 = codecs.find((c) => c.mimeType.toLowerCase() === "video/vp8");
  if (vp8) return { codec: vp8, encodings: cameraEncodings(capture, call) };
  const h264 = codecs.find((c) => c.mimeType.toLowerCase() === "video/h264");
  // Constrained baseline has no temporal layers: keep only the cap of the full picture.
  const [top] = cameraEncodings(capture, "pair");
  return { codec: h264, encodings: [{ maxBitrate: top!.maxBitrate }] };
}

/** A height that asks for the top layer: the spotlight and a call's only remote picture. */
export const SHARPEST_LAYER_HEIGHT = 720;

/**
 * The simulcast layer a tile of this height needs: 0 up to 180 px, 1 up to 360 px, 2 above. The
 * node clamps to the layers the sender really has, so 2 always means "the sharpest there is".
 */
export function layerForTileHeight(heightPx: number): 0 | 1 | 2 {
  if (heightPx <= 180) return 0;
  if (heightPx <= 360) return 1;
  return 2;
}
