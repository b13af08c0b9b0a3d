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
export function VideoGrid({ count, children }: { count: number; children: ReactNode }) {
  const { classes, wideColumns } = layout(count);
  const rows = Math.max(1, Math.ceil(count / wideColumns));
  const aspect = (16 / 9) * (wideColumns / rows);
  return (
    <div className="flex min-h-0 flex-1 items-start justify-center overflow-y-auto p-2 sm:items-center sm:p-3">
      <div className={`grid w-full gap-2 sm:gap-3 ${classes}`} style={{ maxWidth: `max(20rem, calc((100dvh - 9rem) * ${aspect.toFixed(3)}))` }} data-testid="video-grid">
        {children}
      </div>
    </div>
  );
}
