import "./zod-config.ts";
import { z } from "zod";
import { ZId, zLine } from "./common.ts";

export const ZFaceEnrolBody = z
  .strictObject({
    jpegBase64: z.string().min(8).max(560_000).regex(/^[A-Za-z0-9+/]+=*$/, "invalid_format"),
    source: z.enum(["camera", "upload"]),
  })
  .meta({ id: "FaceEnrolUpload" });

export const ZFaceEnrolment = z
  .object({
    id: z.string(),
    sha256: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    faceScore: z.number(),
    source: z.enum(["camera", "upload"]),
    enrolledAt: z.string(),
    supersededAt: z.string().nullable(),
    current: z.boolean(),
    photoUrl: z.string(),
  })
  .meta({ id: "FaceEnrolment" });

export const ZFaceEnrolmentList = z.object({ enrolments: z.array(ZFaceEnrolment) }).meta({ id: "FaceEnrolmentList" });

export const ZFacePhotoParams = z.strictObject({ id: ZId, enrolmentId: ZId });

/** A residence area: WGS-84 centre (as the phone's Geolocation reports it), radius in metres. */
export const ZResidenceAreaBody = z
  .strictObject({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    radiusMeters: z.number().int().min(50).max(100_000),
    mayLeave: z.boolean(),
    address: zLine(200),
  })
  .meta({ id: "ResidenceAreaInput" });

export const ZResidenceArea = ZResidenceAreaBody.extend({ updatedAt: z.string() }).nullable().meta({ id: "ResidenceArea" });

/** The face match stored with a snapshot (web/lib/faces/compare-snapshot.ts). */
export const ZFaceMatch = z
  .union([
    z.object({ status: z.literal("compared"), score: z.number(), verdict: z.enum(["pass", "review", "fail"]), thresholds: z.object({ pass: z.number(), review: z.number() }), enrolmentId: z.string(), facesInSnapshot: z.number() }),
    z.object({ status: z.literal("no_face"), verdict: z.literal("review"), enrolmentId: z.string() }),
    z.object({ status: z.literal("not_enrolled") }),
    z.object({ status: z.literal("unavailable"), verdict: z.literal("review"), message: z.string() }),
  ])
  .meta({ id: "FaceMatch" });

export type TFaceEnrolBody = z.infer<typeof ZFaceEnrolBody>;
export type TResidenceAreaBody = z.infer<typeof ZResidenceAreaBody>;
