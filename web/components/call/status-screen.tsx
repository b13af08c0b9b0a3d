import type { ReactNode } from "react";

/** The calm centered card used before, between and after calls. */
export function StatusScreen({ title, children, testId, tone = "info" }: {
  title: ReactNode;
  children?: ReactNode;
  testId: string;
  tone?: "info" | "warning";
}) {
  return (
    <div className="flex flex-1 items-center justify-center p-4">
      <div
        className={`w-full max-w-md rounded-xl bg-white p-6 text-center text-slate-900 shadow-xl ${tone === "warning" ? "border-t-4 border-amber-400" : ""}`}
        data-testid={testId}
        role="status"
      >
        <h1 className="text-lg font-semibold">{title}</h1>
        {children && <div className="mt-3 flex flex-col items-center gap-3 text-sm text-slate-600">{children}</div>}
      </div>
    </div>
  );
}
