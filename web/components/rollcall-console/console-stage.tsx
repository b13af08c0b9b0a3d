"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { stageLayout } from "./stage-layout";

const GAP = 12;

/**
 * The joined persons (and the officer's own camera) as large as the space under the spotlight
 * allows: the stage is measured and the tiles take the columns that make them largest for their
 * number (stage-layout.ts), instead of fixed small cells with the rest of the screen empty.
 */
export function ConsoleStage({ count, children }: { count: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const { columns, tileWidth } = stageLayout(count, size.width, size.height, GAP);
  return (
    <div ref={ref} className="min-h-48 flex-1 overflow-y-auto px-3 pb-3" data-testid="console-stage">
      <div
        className="grid content-center justify-center"
        style={{ gap: GAP, gridTemplateColumns: size.width ? `repeat(${columns}, ${tileWidth}px)` : "repeat(auto-fill, minmax(10rem, 1fr))", minHeight: "100%" }}
        data-testid="participant-grid"
        data-columns={columns}
      >
        {children}
      </div>
    </div>
  );
}
