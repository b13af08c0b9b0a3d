import type { ReactNode } from "react";

/** Columns on a wide screen for n tiles; phones use at most two. */
function layout(count: number): { classes: string; wideColumns: number } {
  if (count <= 1) return { classes: "grid-cols-1", wideColumns: 1 };
  if (count === 2) return { classes: "grid-cols-1 sm:grid-cols-2", wideColumns: 2 };
  if (count <= 4) return { classes: "grid-cols-2", wideColumns: 2 };
  if (count <= 9) return { classes: "grid-cols-2 lg:grid-cols-3", wideColumns: 3 };
  return { classes: "grid-cols-2 md:grid-cols-3 lg:grid-cols-4", wideColumns: 4 };
}

/**
 * The tiles, as large as the screen allows: on a wide screen the grid is capped so that all its
 * 16:9 rows fit between the top bar and the controls; on a phone it scrolls.
 */
export function VideoGrid({ count, pinned = false, children }: { count: number; pinned?: boolean; children: ReactNode }) {
  const { classes, wideColumns } = layout(count);
  // A pinned tile spans the row: it is as tall as `wideColumns` rows of the others (issue 14).
  const rows = pinned ? Math.ceil((count - 1) / wideColumns) + wideColumns : Math.max(1, Math.ceil(count / wideColumns));
  const aspect = (16 / 9) * (wideColumns / rows);
  // Centred content taller than its box is cut at the top, out of scroll's reach (the pinned
  // tile's button went under the header): with a pin the grid starts at the top.
  return (
    <div className={`flex min-h-0 flex-1 items-start justify-center overflow-y-auto p-2 sm:p-3 ${pinned ? "" : "sm:items-center"}`}>
      <div className={`grid w-full gap-2 sm:gap-3 ${classes}`} style={{ maxWidth: `max(20rem, calc((100dvh - 9rem) * ${aspect.toFixed(3)}))` }} data-testid="video-grid">
        {children}
      </div>
    </div>
  );
}
