import { z } from "zod";

/**
 * Portal → media node: spotlight a participant, and show a liveness challenge to them alone; or
 * (`peerId: null`) clear the spotlight once the officer has marked the called person.
 */
export const ZSpotlightRequest = z.union([
  z.strictObject({
    peerId: z.string().min(1).max(100),
    name: z.string().min(1).max(60),
    challenge: z.strictObject({ kind: z.enum(["digits", "head"]), value: z.string().min(1).max(10) }).optional(),
  }),
  z.strictObject({ peerId: z.null() }),
]);
export type SpotlightRequest = z.infer<typeof ZSpotlightRequest>;
