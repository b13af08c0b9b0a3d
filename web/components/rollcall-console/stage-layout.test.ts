import { describe, expect, it } from "vitest";
import { MIN_TILE_WIDTH, stageLayout } from "./stage-layout.ts";

describe("the console's stage layout", () => {
  it("gives fewer people larger tiles, filling a 1280×600 stage", () => {
    const widths = [1, 2, 3, 4, 6, 9, 12, 20].map((n) => stageLayout(n, 1280, 600, 12).tileWidth);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeLessThanOrEqual(widths[i - 1]!);
    expect(widths[0]).toBeGreaterThan(1000); // one person: nearly the whole stage (600 px × 16/9)
    expect(widths[1]).toBeGreaterThan(600); // two: side by side, each half the width
  });

  it("uses the columns that fit the tiles both across and down", () => {
    // Four tiles in a wide, low stage: one row of four beats two rows of two.
    expect(stageLayout(4, 1600, 300, 12).columns).toBe(4);
    // Four tiles in a square stage: two by two.
    expect(stageLayout(4, 800, 800, 12).columns).toBe(2);
    // Every tile fits the height.
    const { columns, tileWidth } = stageLayout(9, 1280, 600, 12);
    const rows = Math.ceil(9 / columns);
    expect(rows * (tileWidth * 9) / 16 + (rows - 1) * 12).toBeLessThanOrEqual(600);
  });

  it("scrolls rather than shrink 50 tiles below a readable width", () => {
    const { columns, tileWidth } = stageLayout(50, 1280, 500, 12);
    expect(tileWidth).toBeGreaterThanOrEqual(MIN_TILE_WIDTH);
    expect(columns * tileWidth + (columns - 1) * 12).toBeLessThanOrEqual(1280);
  });
});
