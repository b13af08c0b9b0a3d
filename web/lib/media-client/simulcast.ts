import type { types } from "mediasoup-client";

/** Three VP8 layers (¼, ½, full resolution): grids take the small one, the spotlight the large. */
export const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { rid: "r0", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "r1", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "r2", scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/** VP8 where the device has it (simulcast); otherwise H264 baseline, one layer. */
export function pickVideoCodec(device: types.Device): { codec?: types.RtpCodecCapability; encodings?: types.RtpEncodingParameters[] } {
  const codecs = device.rtpCapabilities.codecs ?? [];
  const vp8 = codecs.find((c) => c.mimeType.toLowerCase() === "video/vp8");
  if (vp8) return { codec: vp8, encodings: CAMERA_ENCODINGS };
  const h264 = codecs.find((c) => c.mimeType.toLowerCase() === "video/h264");
  return { codec: h264, encodings: [{ maxBitrate: 900_000 }] };
}

/** The simulcast layer a tile of this height needs: 0 up to 180 px, 1 up to 360 px, 2 above. */
export function layerForTileHeight(heightPx: number): 0 | 1 | 2 {
  if (heightPx <= 180) return 0;
  if (heightPx <= 360) return 1;
  return 2;
}
