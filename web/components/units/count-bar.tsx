/** A bar whose length is `value / max`: how a unit's caseload compares with the whole tree. */
export function CountBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100)) : 0;
  return (
    <div className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label={label}>
      <div className="h-full rounded-full bg-brand-500" style={{ width: `${percent}%` }} />
    </div>
  );
}
