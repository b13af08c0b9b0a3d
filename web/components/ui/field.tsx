import type { ReactNode } from "react";

interface FieldProps {
  id: string;
  label: ReactNode;
  /** Already translated; shown under the control and announced by screen readers. */
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

export function Field({ id, label, error, hint, required, className = "", children }: FieldProps) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children}
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={errorId(id)} className="text-sm text-red-700" data-field-error={id}>
          {error}
        </p>
      )}
    </div>
  );
}

export function errorId(id: string): string {
  return `${id}-error`;
}

/** Props every control inside a <Field> carries, so the error is tied to it for assistive tech. */
export function controlProps(id: string, error: string | undefined) {
  return {
    id,
    name: id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId(id) : undefined,
    className: controlClass(Boolean(error)),
  } as const;
}

export function controlClass(invalid = false): string {
  return (
    "block min-h-11 w-full min-w-0 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm " +
    "placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200 " +
    "disabled:bg-slate-100 " +
    (invalid ? "border-red-500 ring-1 ring-red-200" : "border-slate-300")
  );
}
