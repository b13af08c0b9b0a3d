import { z } from "zod";

/** Portal → media node: spotlight a participant, and show a liveness challenge to them alone. */
export const ZSpotlightRequest = z.strictObject({
  peerId: z.string().min(1).max(100),
  name: z.string().min(1).max(60),
  challenge: z.strictObject({ kind: z.enum(["digits", "head"]), value: z.string().min(1).max(10) }).optional(),
});
export type SpotlightRequest = z.infer<typeof ZSpotlightRequest>;
