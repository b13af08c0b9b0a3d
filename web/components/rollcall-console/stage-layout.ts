/** Tiles narrower than this scroll instead of shrinking further (a name and a face stay readable). */
export const MIN_TILE_WIDTH = 160;

/**
 * How many columns make `count` 16:9 tiles largest in a width × height stage with `gap` between
 * them: fewer people, larger tiles. When even the best fit would be narrower than MIN_TILE_WIDTH
 * (50 persons on a laptop), as many MIN_TILE_WIDTH columns as fit, and the stage scrolls.
 */
export function stageLayout(count: number, width: number, height: number, gap: number): { columns: number; tileWidth: number } {
  if (count <= 0 || width <= 0) return { columns: 1, tileWidth: Math.max(0, width) };
  let best = { columns: 1, tileWidth: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const byWidth = (width - gap * (columns - 1)) / columns;
    const byHeight = height > 0 ? ((height - gap * (rows - 1)) / rows) * (16 / 9) : byWidth;
    const tileWidth = Math.floor(Math.min(byWidth, byHeight));
    if (tileWidth > best.tileWidth) best = { columns, tileWidth };
  }
  if (best.tileWidth >= MIN_TILE_WIDTH) return best;
  const columns = Math.max(1, Math.min(count, Math.floor((width + gap) / (MIN_TILE_WIDTH + gap))));
  return { columns, tileWidth: Math.floor((width - gap * (columns - 1)) / columns) };
}
