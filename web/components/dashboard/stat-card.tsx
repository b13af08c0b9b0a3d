import Link from "next/link";

export function StatCard({ label, value, href }: { label: string; value: number; href?: string }) {
  const body = (
    <>
      <p className="text-xs font-medium text-slate-500 sm:text-sm">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 sm:text-3xl">{value}</p>
    </>
  );
  const frame = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${frame} hover:border-brand-300 hover:shadow`}>
      {body}
    </Link>
  ) : (
    <div className={frame}>{body}</div>
  );
}
