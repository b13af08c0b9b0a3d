import Link from "next/link";

/** "← Back to …" above a page's title. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <nav className="mb-1 text-sm">
      <Link href={href} className="inline-flex min-h-10 items-center text-slate-500 hover:text-brand-700 hover:underline">
        ← {label}
      </Link>
    </nav>
  );
}
