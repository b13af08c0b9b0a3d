import { z } from "zod";

// mediasoup validates the full RTP structures itself; these schemas bound their shape and size
// so that nothing unbounded or mistyped reaches the worker.

const ZShortString = z.string().max(128);
const ZParameters = z.record(z.string().max(64), z.union([z.string().max(256), z.number()]));

const ZRtcpFeedback = z.looseObject({ type: ZShortString, parameter: ZShortString.optional() });

const ZCodecCapability = z.looseObject({
  kind: z.enum(["audio", "video"]),
  mimeType: ZShortString,
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: ZParameters.optional(),
  rtcpFeedback: z.array(ZRtcpFeedback).max(32).optional(),
});

const ZHeaderExtensionCapability = z.looseObject({
  kind: z.enum(["audio", "video"]),
  uri: z.string().max(256),
  preferredId: z.number().int().min(1).max(255),
});

export const ZRtpCapabilities = z.looseObject({
  codecs: z.array(ZCodecCapability).max(64).optional(),
  headerExtensions: z.array(ZHeaderExtensionCapability).max(64).optional(),
});

const ZCodecParameters = z.looseObject({
  mimeType: ZShortString,
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: ZParameters.optional(),
  rtcpFeedback: z.array(ZRtcpFeedback).max(32).optional(),
});

const ZEncoding = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(16).optional(),
  active: z.boolean().optional(),
  maxBitrate: z.number().int().positive().optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
  scalabilityMode: z.string().max(16).optional(),
  dtx: z.boolean().optional(),
});

export const ZRtpParameters = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(ZCodecParameters).min(1).max(16),
  headerExtensions: z.array(z.looseObject({ uri: z.string().max(256), id: z.number().int() })).max(32).optional(),
  encodings: z.array(ZEncoding).max(4).optional(),
  rtcp: z.looseObject({ cname: z.string().max(128).optional(), reducedSize: z.boolean().optional() }).optional(),
});

export const ZDtlsParameters = z.looseObject({
  role: z.enum(["auto", "client", "server"]).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.enum(["sha-1", "sha-224", "sha-256", "sha-384", "sha-512"]), value: z.string().max(256) }))
    .min(1)
    .max(8),
});
