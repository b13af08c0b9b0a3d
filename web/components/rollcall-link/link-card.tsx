import type { ReactNode } from "react";

/** The white card every step before the call sits on, sized for a 375-px phone first. */
export function LinkCard({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div className="flex flex-1 items-start justify-center px-3 pb-6 pt-2 sm:items-center">
      <section className="flex w-full max-w-md flex-col gap-4 rounded-xl bg-white p-4 text-slate-900 shadow-xl sm:p-6" data-testid={testId}>
        {children}
      </section>
    </div>
  );
}
