// Line icons for the call controls (24 × 24, currentColor), drawn here: no icon font to download.
import type { ReactNode } from "react";

type IconProps = { className?: string };

const svg = (className: string | undefined, children: ReactNode) => (
  <svg viewBox="0 0 24 24" className={className ?? "size-6"} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {children}
  </svg>
);

export function MicIcon({ off = false, className }: IconProps & { off?: boolean }) {
  return svg(
    className,
    <>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
      {off && <path d="M4 4l16 16" />}
    </>,
  );
}

export function CameraIcon({ off = false, className }: IconProps & { off?: boolean }) {
  return svg(
    className,
    <>
      <rect x="3" y="6" width="13" height="12" rx="2" />
      <path d="M16 10l5-3v10l-5-3" />
      {off && <path d="M3 3l18 18" />}
    </>,
  );
}

export function ScreenIcon({ className }: IconProps) {
  return svg(
    className,
    <>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </>,
  );
}

export function PeopleIcon({ className }: IconProps) {
  return svg(
    className,
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6 6 0 0 1 3.5 6" />
    </>,
  );
}

export function LeaveIcon({ className }: IconProps) {
  return svg(className, <path d="M3 14c5-5 13-5 18 0l-2.5 2.5-3.5-2v-2.5a11 11 0 0 0-6 0V14.5l-3.5 2z" />);
}

export function LockIcon({ className }: IconProps) {
  return svg(
    className,
    <>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </>,
  );
}
