"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-styles";

/** Back and 打印: on screen only, never on the paper. */
export function PrintToolbar({ backHref, backLabel, printLabel }: { backHref: string; backLabel: string; printLabel: string }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-2 print:hidden">
      <Link href={backHref} className={buttonClass("secondary")}>
        ← {backLabel}
      </Link>
      <Button onClick={() => window.print()}>{printLabel}</Button>
    </div>
  );
}
