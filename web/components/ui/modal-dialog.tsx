"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A modal on the browser's own <dialog>: focus is trapped and restored, Esc closes it, and the
 * page behind cannot be clicked, with nothing to re-implement.
 */
export function ModalDialog({ open, onClose, title, children, footer, wide = false }: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={titleId}
      className={`m-auto w-[calc(100vw-2rem)] ${wide ? "max-w-2xl" : "max-w-md"} max-h-[calc(100dvh-2rem)] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50`}
    >
      {open && (
        <>
          <div className="p-4">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <div className="mt-3">{children}</div>
          </div>
          {footer && <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 px-4 py-3">{footer}</div>}
        </>
      )}
    </dialog>
  );
}
