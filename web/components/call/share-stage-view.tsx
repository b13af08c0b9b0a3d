import type { ReactNode } from "react";

/**
 * The stage layout while a screen is shared: the stage takes the room (16:9, as large as fits
 * between the top bar and the controls), the other tiles in a strip — under it on phones and
 * narrow windows (scrolling sideways), beside it on wide screens (scrolling down).
 */
export function ShareStageView({ stage, strip, peerId }: { stage: ReactNode; strip: Array<{ key: string; node: ReactNode }>; peerId: string | null }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-2 sm:p-3 lg:flex-row" data-testid="share-stage-layout">
      <div className="flex min-h-0 min-w-0 flex-1 items-center justify-center">
        <div className="w-full" style={{ maxWidth: "max(18rem, calc((100dvh - 16rem) * 16 / 9))" }} data-testid="call-stage" data-peer-id={peerId ?? undefined}>
          {stage}
        </div>
      </div>
      {strip.length > 0 && (
        <div className="flex shrink-0 gap-2 overflow-x-auto pb-1 lg:w-56 lg:flex-col lg:overflow-y-auto lg:overflow-x-hidden lg:pb-0" data-testid="stage-strip">
          {strip.map(({ key, node }) => (
            <div key={key} className="w-36 shrink-0 sm:w-44 lg:w-full">
              {node}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** In place of our own screen: we are sharing, and everyone else sees it on their stage. */
export function PresentingCard({ text, hint }: { text: string; hint: string }) {
  return (
    <div className="flex aspect-video w-full flex-col items-center justify-center gap-2 rounded-lg bg-brand-700/40 p-4 text-center ring-2 ring-brand-500" data-testid="presenting-card">
      <p className="text-base font-semibold sm:text-lg">{text}</p>
      <p className="text-sm text-white/80">{hint}</p>
    </div>
  );
}
