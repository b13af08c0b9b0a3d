"use client";

import { useTranslations } from "next-intl";

/**
 * Issue 14: an officer pins one remote tile. The pinned tile spans the grid and asks the node for
 * the top simulcast layer (remote-tile.tsx), whatever its size on this screen; one at a time.
 */
export function PinButton({ name, pinned, onToggle }: { name: string; pinned: boolean; onToggle: () => void }) {
  const t = useTranslations("tilePin");
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-pressed={pinned}
      aria-label={pinned ? t("unpin", { name }) : t("pin", { name })}
      className={`absolute right-2 top-2 z-10 flex min-h-9 min-w-9 items-center justify-center rounded-full px-2 text-xs font-medium ${pinned ? "bg-brand-600 text-white" : "bg-black/60 text-white hover:bg-black/80"}`}
      data-testid="pin-tile"
    >
      {/* A pushpin; the label says the rest. */}
      <svg viewBox="0 0 24 24" className="size-4" fill="currentColor" aria-hidden="true">
        <path d="M16 3l5 5-2 1-3 3 .5 5.5L15 19l-4-4-5 5-1-1 5-5-4-4 1.5-1.5L13 9l3-3z" />
      </svg>
      {pinned && <span className="ml-1">{t("pinned")}</span>}
    </button>
  );
}

/** The pinned tile first (it spans the grid); the rest keep their order. */
export function pinnedFirst<T extends { key: string }>(tiles: T[], pinned: string | null): T[] {
  const index = pinned === null ? -1 : tiles.findIndex((tile) => tile.key === pinned);
  if (index < 0) return tiles;
  return [tiles[index]!, ...tiles.slice(0, index), ...tiles.slice(index + 1)];
}
