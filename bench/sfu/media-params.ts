// RTP parameters shared by both setups, so that the SFU does exactly the same work in each.
import { randomBytes } from "node:crypto";
import type { types } from "mediasoup";
import { STREAM } from "./vp8-stream.ts";

export const LISTEN_IP = "127.0.0.1";

export type SrtpMode = "off" | "gcm" | "gcm256" | "cm";

/**
 * What the publisher declares: one VP8 encoding per SSRC (several = simulcast, lowest first, as
 * a browser lists them), Chrome's feedback set.
 */
export function producerRtpParameters(ssrcs: number[]): types.RtpParameters {
  return {
    codecs: [
      {
        mimeType: "video/VP8",
        payloadType: STREAM.payloadType,
        clockRate: STREAM.clockRate,
        rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }],
      },
    ],
    encodings: ssrcs.map((ssrc) => ({ ssrc })),
    rtcp: { cname: `bench-${ssrcs[0]}` },
  };
}

export const TWCC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

/** The header extension id that carries transport-wide sequence numbers to these capabilities' holder. */
export function twccExtensionId(caps: types.RtpCapabilities): number | undefined {
  return caps.headerExtensions?.find((h) => h.kind === "video" && h.uri === TWCC_URI)?.preferredId;
}

/**
 * What a subscriber declares: the router's VP8 (and its RTX) with every video header extension,
 * as a browser's Device would, including transport-cc, so the worker runs its BWE machinery per
 * receiving transport as it does for real clients.
 */
export function consumerRtpCapabilities(router: types.RtpCapabilities, bwe = true): types.RtpCapabilities {
  const vp8 = router.codecs!.find((c) => c.mimeType === "video/VP8")!;
  const rtx = router.codecs!.find((c) => c.mimeType === "video/rtx" && c.parameters?.apt === vp8.preferredPayloadType);
  // bwe = false: no congestion control (no transport-cc, no abs-send-time for REMB). These
  // receivers send no feedback, so with simulcast the worker's estimate would stay at its initial
  // 600 kbit/s per transport and its layer allocation would starve most consumers of even the
  // lowest layer; and with one encoding it keeps 60 s of send history per transport that feedback
  // would have emptied. Real browsers send feedback; the bench cannot (see docs/PERFORMANCE.md).
  const bweExtensions = new Set([TWCC_URI, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"]);
  return {
    codecs: rtx ? [vp8, rtx] : [vp8],
    headerExtensions: (router.headerExtensions ?? []).filter((h) => h.kind === "video" && (bwe || !bweExtensions.has(h.uri))),
  };
}

/** Publisher legs are plain RTP, learned from the first packet (comedia): only 1 per stream. */
export const publisherTransportOptions = (appData: Record<string, unknown> = {}): types.PlainTransportOptions => ({
  listenIp: LISTEN_IP,
  rtcpMux: true,
  comedia: true,
  appData,
});

export const SUITES = { gcm: "AEAD_AES_128_GCM", gcm256: "AEAD_AES_256_GCM", cm: "AES_CM_128_HMAC_SHA1_80" } as const;
// Master key + salt, as RFC 7714 / RFC 3711 size them.
const KEY_BYTES = { gcm: 28, gcm256: 44, cm: 30 } as const;

/**
 * Consumer legs: with SRTP on, the worker encrypts every forwarded packet as it would for a
 * browser (browsers negotiate AES-GCM with mediasoup; mediasoup prefers its 256-bit variant).
 * The receiver only reads the RTP header and its extensions, which SRTP leaves in the clear, so it
 * needs no key for them; it protects its feedback with the key given to `connect`.
 */
export function subscriberTransportOptions(srtp: SrtpMode, appData: Record<string, unknown> = {}): types.PlainTransportOptions {
  return {
    listenIp: LISTEN_IP,
    rtcpMux: true,
    comedia: false,
    ...(srtp === "off" ? {} : { enableSrtp: true, srtpCryptoSuite: SUITES[srtp] }),
    appData,
  };
}

/** Where the worker sends a consumer leg, and the key it decrypts our RTCP (transport-cc feedback) with. */
export function subscriberConnectParams(srtp: SrtpMode, port: number): { ip: string; port: number; srtpParameters?: types.SrtpParameters } {
  if (srtp === "off") return { ip: LISTEN_IP, port };
  return { ip: LISTEN_IP, port, srtpParameters: { cryptoSuite: SUITES[srtp], keyBase64: randomBytes(KEY_BYTES[srtp]).toString("base64") } };
}

export const randomSsrc = () => randomBytes(4).readUInt32BE(0) >>> 0 || 1;
