import type { types } from "mediasoup-client";

/** What the call is known to be: "pair" only when it is 1:1 for its whole life (a visit). */
export type CallKind = "group" | "pair";

/**
 * What a room's kind says about its calls: a visit is 1:1 for its whole life (the held person and
 * the family; a monitor watches the same picture), so it needs no simulcast. Every other kind may
 * grow past two. A publish option still overrides it.
 */
export function callKindOfRoom(roomKind: string | undefined): CallKind {
  return roomKind === "visit" ? "pair" : "group";
}

/** The camera's real output, from the track's getSettings() after getUserMedia. */
export interface CaptureSize {
  width: number;
  height: number;
}

/**
 * Caps per delivered picture height. The 480-line cap is above the ~460 kbit/s that bare
 * mediasoup measured for a VGA face, so the cap never starves it; the small layers only feed
 * thumbnails, where more bits buy nothing visible.
 */
const BITRATE_BY_HEIGHT: Array<[maxLines: number, bitsPerSecond: number]> = [
  [180, 150_000],
  [270, 250_000],
  [360, 500_000],
  [540, 900_000],
  [Infinity, 1_500_000],
];

export function maxBitrateFor(lines: number): number {
  return BITRATE_BY_HEIGHT.find(([maxLines]) => lines <= maxLines)![1];
}

/**
 * Simulcast layers for a camera, chosen from what it really captures. Chromium enables at most
 * 2 simulcast layers below 960×540 and 1 below 480×270 and drops the TOP ones beyond that: the
 * old fixed three layers (¼, ½, 1) made a VGA camera send only 160 and 240 lines. So the number
 * of layers follows the capture and the top layer is always full resolution. A 1:1 call has
 * exactly one viewer, whose link the sender's own bandwidth estimation already follows: one
 * encoding, with temporal layers so the node can still drop frame rate for a weak receiver.
 * Portrait phone cameras count by their short side.
 */
export function cameraEncodings(capture: CaptureSize, call: CallKind): types.RtpEncodingParameters[] {
  const lines = Math.min(capture.width, capture.height);
  if (call === "pair") return [{ maxBitrate: maxBitrateFor(lines), scalabilityMode: "L1T3" }];
  const layers = lines >= 720 ? 3 : lines >= 360 ? 2 : 1;
  if (layers === 1) return [{ maxBitrate: maxBitrateFor(lines) }];
  return Array.from({ length: layers }, (_, index) => {
    const scaleResolutionDownBy = 2 ** (layers - 1 - index);
    return { rid: `r${index}`, scaleResolutionDownBy, maxBitrate: maxBitrateFor(lines / scaleResolutionDownBy) };
  });
}
