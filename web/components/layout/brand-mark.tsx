/** A rising sun over a horizon: 阳光 (sunshine) without an image request. */
export function BrandMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <circle cx="16" cy="16" r="15" fill="#f59e0b" />
      <circle cx="16" cy="19" r="7" fill="#fff7d6" />
      <rect x="4" y="20" width="24" height="3" rx="1.5" fill="#133d82" />
      <path d="M16 5v4M7.5 9l2.5 2.7M24.5 9L22 11.7" stroke="#fff7d6" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
