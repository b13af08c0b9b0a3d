import "./zod-config.ts";
import { z } from "zod";
import { ZId } from "./common.ts";

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "invalid_time");

export const ZCheckInWindow = z
  .strictObject({ weekday: z.number().int().min(1).max(7), start: HHMM, end: HHMM })
  .refine((w) => w.start < w.end, { message: "end_before_start", path: ["end"] });

export const ZCheckInPlanBody = z.strictObject({ windows: z.array(ZCheckInWindow).max(21) }).meta({ id: "CheckInPlanInput" });

export const ZCheckInTokenParams = z.strictObject({ token: z.string().min(10).max(100).regex(/^[A-Za-z0-9_.-]+$/, "invalid_format") });

const b64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/, "invalid_format");

/** A WebAuthn registration response as @simplewebauthn/browser sends it (base64url fields). */
export const ZRegistrationResponse = z
  .object({
    id: b64url(1400),
    rawId: b64url(1400),
    type: z.literal("public-key"),
    response: z.object({
      clientDataJSON: b64url(4000),
      attestationObject: b64url(20_000),
      transports: z.array(z.string().max(20)).max(10).optional(),
      authenticatorData: b64url(20_000).optional(),
      publicKey: b64url(2000).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
    }),
    clientExtensionResults: z.record(z.string(), z.unknown()),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  })
  .meta({ id: "WebAuthnRegistrationResponse" });

/** A WebAuthn assertion as @simplewebauthn/browser sends it. */
export const ZAuthenticationResponse = z
  .object({
    id: b64url(1400),
    rawId: b64url(1400),
    type: z.literal("public-key"),
    response: z.object({
      clientDataJSON: b64url(4000),
      authenticatorData: b64url(4000),
      signature: b64url(2000),
      userHandle: b64url(200).optional(),
    }),
    clientExtensionResults: z.record(z.string(), z.unknown()),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  })
  .meta({ id: "WebAuthnAuthenticationResponse" });

const ZJpeg = z.string().min(8).max(560_000).regex(/^[A-Za-z0-9+/]+=*$/, "invalid_format");

export const ZCheckInBody = z
  .strictObject({
    challengeId: ZId,
    assertion: ZAuthenticationResponse,
    /** Two frames of the liveness challenge: facing the camera, then with the head turned. */
    frames: z.strictObject({ straight: ZJpeg, turned: ZJpeg }),
    /** null: the person declined location or the phone could not give one (the check-in goes to the officer). */
    location: z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), accuracyMeters: z.number().min(0).max(100_000) }).nullable(),
  })
  .meta({ id: "SelfCheckInSubmission" });

export type TCheckInWindow = z.infer<typeof ZCheckInWindow>;
