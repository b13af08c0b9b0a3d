import type { ReactNode } from "react";

// Pages for families, who have no account: no portal header, a narrow column made for phones.
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-100 text-slate-900">
      <main className="mx-auto w-full max-w-lg px-3 py-5">{children}</main>
    </div>
  );
}
