import { z } from "zod";

// What a time-limited, watched room (a family visit, a 帮教 session) adds to the protocol: its
// end, warnings before it, notices from the monitor, and why it ended. docs/PROTOCOL.md lists
// every message; docs/DECISIONS.md (issue 9) says why it is built this way.

/**
 * Why a room ended, as its participants are told in `roomClosed.reason` and the portal in
 * `room.closed.reason`. Free text never reaches participants for `terminated`: the monitor's
 * reason goes to the portal only (a neutral text is shown to the family).
 */
export const ROOM_END_REASONS = ["on_time", "terminated", "closed_by_portal", "empty", "worker_died"] as const;
export type RoomEndReason = (typeof ROOM_END_REASONS)[number];

/** Warnings before the end, in seconds left (`MEDIA_ROOM_WARNING_SECONDS`; tests shorten them). */
export const DEFAULT_WARNING_SECONDS = [300, 60] as const;

/**
 * Notices a monitor picks from a list (shown in each participant's language) or writes freely.
 * The codes are stable: the portal stores them in the visit record.
 */
export const NOTICE_PRESETS = ["language", "topic", "conduct", "time", "camera", "identity"] as const;
export type NoticePreset = (typeof NOTICE_PRESETS)[number];
export const NOTICE_MAX_CHARS = 120;
export const TERMINATE_REASON_MAX_CHARS = 200;

/**
 * One line of human text: trimmed, no control or invisible formatting characters (a line break
 * or a right-to-left override cannot reshape the banner), bounded.
 */
const zHumanLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(text), { message: "Control or formatting characters are not allowed" });

export const ZNoticeRequest = z.union([
  z.strictObject({ preset: z.enum(NOTICE_PRESETS) }),
  z.strictObject({ text: zHumanLine(NOTICE_MAX_CHARS) }),
]);

export const ZTerminateRequest = z.strictObject({ reason: zHumanLine(TERMINATE_REASON_MAX_CHARS) });

/** The room's terms as every participant learns them in `join` (and `getRoomTime`). */
export const ZRoomTime = z.object({
  /** The end (epoch ms, the node's clock); null: the room has no end. */
  endsAt: z.number().int().nullable(),
  /**
   * Milliseconds left when the node answered. Count down from this on a monotonic clock (minus
   * half the request's round trip), never from `endsAt` and the device's own clock: a phone's
   * clock may be minutes off.
   */
  remainingMs: z.number().int().nonnegative().nullable(),
  /** Warning thresholds (seconds left) the node will push `roomTimeWarning` at, largest first. */
  warningSeconds: z.array(z.number().int().positive()),
});
export type RoomTime = z.infer<typeof ZRoomTime>;

export const ZRoomNotice = z.object({
  noticeId: z.string(),
  /** A preset's code (show its text in the reader's language), or null for free text. */
  preset: z.enum(NOTICE_PRESETS).nullable(),
  /** The free text, or for a preset its Chinese text (for clients without the catalog). */
  text: z.string(),
  /** Epoch ms, the node's clock. */
  sentAt: z.number().int(),
});
export type RoomNotice = z.infer<typeof ZRoomNotice>;

/** Chinese texts of the presets, for the portal's record and clients without a catalog. */
export const NOTICE_PRESET_TEXT_ZH: Record<NoticePreset, string> = {
  language: "请使用普通话交流",
  topic: "请勿谈论案情及与会见无关的内容",
  conduct: "请注意言行，遵守会见规定",
  time: "会见时间即将结束，请抓紧时间",
  camera: "请保持面部在画面内",
  identity: "请勿让未登记人员进入画面",
};
