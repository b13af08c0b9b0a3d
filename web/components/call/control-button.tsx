import type { ReactNode } from "react";

/** A round call control with its word underneath: big enough for a thumb, clear without icons. */
export function ControlButton({ label, onClick, active = false, danger = false, disabled = false, badge, children, testId }: {
  label: string;
  onClick: () => void;
  /** Drawn highlighted: a muted microphone, a camera that is off, a screen being shared. */
  active?: boolean;
  danger?: boolean;
  disabled?: boolean;
  badge?: number | undefined;
  children: ReactNode;
  testId?: string;
}) {
  const tone = danger ? "bg-red-600 hover:bg-red-700" : active ? "bg-white text-slate-900 hover:bg-slate-200" : "bg-slate-700 hover:bg-slate-600";
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-pressed={danger ? undefined : active}
      data-testid={testId}
      className="flex w-16 flex-col items-center gap-1 text-xs text-slate-200 disabled:opacity-40 sm:w-20"
    >
      <span className={`relative flex size-12 items-center justify-center rounded-full transition-colors ${tone}`}>
        {children}
        {badge ? (
          <span className="absolute -right-1 -top-1 flex min-w-5 items-center justify-center rounded-full bg-amber-400 px-1 text-xs font-semibold text-slate-900">
            {badge}
          </span>
        ) : null}
      </span>
      <span className="max-w-full truncate">{label}</span>
    </button>
  );
}
