import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { contrastRatio } from "./contrast.ts";
import { STATE_COLOURS, STATUS_COLOURS } from "./roll-call-display.ts";

// The palette as the browser gets it: Tailwind's theme (oklch) and the portal's own brand colours.
const require = createRequire(import.meta.url);
const css = [readFileSync(require.resolve("tailwindcss/theme.css"), "utf8"), readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8")].join("\n");
const palette = new Map([...css.matchAll(/--color-([a-z]+(?:-\d+)?):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));

/** The colour of a utility (`bg-`, `text-`) in a class list; fails loudly when it is not in the palette. */
function colourOf(classes: string, prefix: "bg-" | "text-"): string {
  const name = classes.split(/\s+/).find((c) => c.startsWith(prefix) && palette.has(c.slice(prefix.length)));
  if (!name) throw new Error(`no ${prefix} colour of the palette in "${classes}"`);
  return palette.get(name.slice(prefix.length))!;
}

const AA = 4.5;

describe("status colours meet WCAG AA contrast (4.5:1) for their text", () => {
  it("computes known contrasts (black on white 21:1, white on #767676 ≈ 4.54:1)", () => {
    expect(contrastRatio("#fff", "#000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#767676")).toBeCloseTo(4.54, 2);
    // Tailwind's emerald-500 with white text is the kind of pair that failed (about 2.5:1).
    expect(contrastRatio(palette.get("emerald-500")!, "#fff")).toBeLessThan(3);
  });

  for (const [status, colours] of Object.entries(STATUS_COLOURS)) {
    it(`${status}: the console's chip and the lists' badge`, () => {
      for (const classes of [colours.chip, colours.badge]) {
        expect(contrastRatio(colourOf(classes, "bg-"), colourOf(classes, "text-")), classes).toBeGreaterThanOrEqual(AA);
      }
    });
  }

  for (const [state, classes] of Object.entries(STATE_COLOURS)) {
    it(`the roll call's state in lists: ${state}`, () => {
      expect(contrastRatio(colourOf(classes, "bg-"), colourOf(classes, "text-")), classes).toBeGreaterThanOrEqual(AA);
    });
  }
});
