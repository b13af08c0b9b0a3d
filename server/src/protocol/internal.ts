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

/** The officer's decisions a person is told of ("已签到" / 迟到 / 请假 / 缺席). */
export const MARKED_STATUSES = ["present", "late", "excused", "absent"] as const;

/**
 * Portal → media node: the officer marked this participant; the node tells that peer alone
 * (`marked`), so the person's screen says so at once instead of polling the portal.
 */
export const ZMarkedRequest = z.strictObject({
  peerId: z.string().min(1).max(100),
  status: z.enum(MARKED_STATUSES),
  /** A make-up call (补点) after the end rather than a mark during the roll call. */
  makeUp: z.boolean().default(false),
});
export type MarkedRequest = z.infer<typeof ZMarkedRequest>;
