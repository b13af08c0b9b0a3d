import type { ReactNode, Ref } from "react";
import type { Quality } from "@/lib/media-client/connection-quality";
import type { MicStatus } from "./call-tiles";
import { MicBadge } from "./mic-badge";
import { QualityBars } from "./quality-bars";

interface TileFrameProps {
  ref?: Ref<HTMLDivElement>;
  name: string;
  mic: MicStatus | null;
  quality: Quality | null;
  speaking: boolean;
  /** e.g. "reconnecting", shown in the corner. */
  badge?: string | undefined;
  testId: string;
  data?: Record<string, string>;
  children: ReactNode;
}

/** The look every tile shares: the picture (or an initial), name and microphone, signal bars. */
export function TileFrame({ ref, name, mic, quality, speaking, badge, testId, data = {}, children }: TileFrameProps) {
  return (
    <div
      ref={ref}
      className={`relative aspect-video min-w-0 overflow-hidden rounded-lg bg-slate-800 ring-2 transition-shadow ${speaking ? "ring-emerald-400" : "ring-transparent"}`}
      data-testid={testId}
      data-speaking={speaking || undefined}
      data-mic={mic ?? undefined}
      {...Object.fromEntries(Object.entries(data).map(([key, value]) => [`data-${key}`, value]))}
    >
      {children}
      {badge && <span className="absolute left-2 top-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white">{badge}</span>}
      <div className="absolute inset-x-0 bottom-0 flex items-center justify-between gap-2 bg-gradient-to-t from-black/70 to-transparent px-2 pb-1.5 pt-4 text-sm text-white">
        <span className="flex min-w-0 items-center gap-1.5">
          {mic && <MicBadge status={mic} />}
          <span className="truncate">{name}</span>
        </span>
        <QualityBars quality={quality} />
      </div>
    </div>
  );
}

/** Who is there when there is no picture: the first character of the name. */
export function Initial({ name }: { name: string }) {
  return (
    <span className="absolute inset-0 flex items-center justify-center">
      <span className="flex size-16 items-center justify-center rounded-full bg-brand-600 text-2xl font-semibold text-white sm:size-20 sm:text-3xl">
        {Array.from(name)[0] ?? "?"}
      </span>
    </span>
  );
}
