"use client";

import { useId } from "react";
import { controlClass } from "@/components/ui/field";
import { CopyButton } from "./copy-button";
import { useOrigin } from "./use-origin";

/** One invite link as a full address the officer can copy, or select by hand if copying fails. */
export function InviteLink({ label, hint, path, testId }: { label: string; hint: string; path: string; testId: string }) {
  const id = useId();
  const url = `${useOrigin()}${path}`;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex items-start gap-2">
        <input
          id={id}
          readOnly
          value={url}
          data-testid={testId}
          onFocus={(event) => event.currentTarget.select()}
          className={`${controlClass()} font-mono text-xs sm:text-xs`}
        />
        <CopyButton text={url} label={label} />
      </div>
      <p className="text-xs text-slate-500">{hint}</p>
    </div>
  );
}
