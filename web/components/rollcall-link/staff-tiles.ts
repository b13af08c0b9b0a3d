import { buildTiles, type Tile } from "@/components/call/call-tiles";
import type { CallState } from "@/lib/media-client/call-state";

export type StaffTile = Extract<Tile, { kind: "camera" | "screen" }>;

/**
 * A supervised person sees the officers only. The media node already sends participants no
 * other participant (privacy is enforced there, not here); this keeps the screen right even if
 * an older node sent more.
 */
export function staffTiles(state: CallState): StaffTile[] {
  return buildTiles(state).filter((tile): tile is StaffTile => tile.kind !== "self" && tile.peer.role === "staff");
}
