import type { ReactNode } from "react";

// Pages made to be printed: no portal header, black on white, A4 with the browser's margins
// replaced by ours. The on-screen controls carry print:hidden.
export default function PrintLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-white text-black">
      <style>{"@page { size: A4; margin: 14mm 12mm; } @media print { html, body { background: #fff !important; } * { color: #000 !important; } }"}</style>
      <main className="mx-auto w-full max-w-[210mm] px-4 py-6 print:max-w-none print:p-0">{children}</main>
    </div>
  );
}
