import type { Tile } from "./call-tiles";

export type ScreenTile = Extract<Tile, { kind: "screen" }>;

/**
 * What the stage shows while someone shares a screen (issue 13 §5: "a screen share gets the
 * stage in meetings"): the first shared screen, large, with every other tile in a strip beside
 * it. Our own share is not mirrored back to us (a picture of the screen we are looking at); we
 * get a card saying that everyone sees it instead. With no share, no stage: the grid as before.
 */
export type StagePlan =
  | { kind: "grid"; tiles: Tile[] }
  | { kind: "screen"; screen: ScreenTile; strip: Tile[] }
  | { kind: "presenting"; strip: Tile[] };

export function planStage(tiles: Tile[], presenting: boolean): StagePlan {
  const screen = tiles.find((tile): tile is ScreenTile => tile.kind === "screen");
  if (screen) return { kind: "screen", screen, strip: tiles.filter((tile) => tile !== screen) };
  if (presenting) return { kind: "presenting", strip: tiles };
  return { kind: "grid", tiles };
}
