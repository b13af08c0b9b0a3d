import "./zod-config.ts";
import { z } from "zod";
import { ZId } from "./common.ts";
import { ZJoinGrant } from "./rooms.ts";

/** What a live room is, as the inspection wall groups it: 帮教 sessions apart from family visits. */
export const ZLiveRoomKind = z.enum(["rollcall", "visit", "help", "meeting"]);
export type TLiveRoomKind = z.infer<typeof ZLiveRoomKind>;

export const ZLiveRoomsQuery = z.strictObject({
  kind: ZLiveRoomKind.optional(),
  /** Only rooms of this unit's subtree (itself inside yours). */
  unitId: ZId.optional(),
});

export const ZLiveRoom = z
  .object({
    roomId: z.string(),
    kind: ZLiveRoomKind,
    title: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    unitLevel: z.number().int(),
    startedAt: z.string().nullable(),
    /** false: a privileged visit (律师会见), shown only as "in progress"; no grant opens it. */
    media: z.boolean(),
  })
  .meta({ id: "LiveRoom" });

export const ZLiveRoomList = z
  .object({
    items: z.array(ZLiveRoom),
    /** Live rooms per unit level (2 province … 5 office) in the (filtered) subtree. */
    levels: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
    /** Units with live rooms, and how many each. */
    units: z.array(z.object({ unitId: z.string(), unitName: z.string(), level: z.number().int(), count: z.number().int() })),
  })
  .meta({ id: "LiveRoomList" });

export const ZWatchBody = z.strictObject({
  /** tile: the wall's low-layer tile; watch: the room opened, everything, unseen. */
  mode: z.enum(["tile", "watch"]),
});

export const ZInspectionGrant = ZJoinGrant.extend({ viewId: z.string() }).meta({ id: "InspectionGrant" });

export const ZInspectionHistoryQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const ZInspectionView = z
  .object({
    id: z.string(),
    actorName: z.string(),
    roomId: z.string(),
    roomTitle: z.string(),
    roomKind: z.string(),
    unitName: z.string(),
    mode: z.enum(["tile", "watch", "speak"]),
    openedAt: z.string(),
    joinedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    /** From the node's join to its leave; null while watching (or if it never joined). */
    durationSeconds: z.number().int().nullable(),
  })
  .meta({ id: "InspectionView" });

export const ZInspectionHistory = z
  .object({ items: z.array(ZInspectionView), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .meta({ id: "InspectionHistory" });

export type TLiveRoom = z.infer<typeof ZLiveRoom>;
export type TLiveRoomList = z.infer<typeof ZLiveRoomList>;
export type TInspectionGrant = z.infer<typeof ZInspectionGrant>;
export type TInspectionHistory = z.infer<typeof ZInspectionHistory>;
