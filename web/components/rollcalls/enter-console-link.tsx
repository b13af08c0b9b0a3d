"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { consoleApi } from "@/components/rollcall-console/console-api";

/**
 * The host's "进入控制台" before the call is open. The click opens the call at once, while the
 * console page is still loading: persons waiting on their links are told by their event streams
 * and start joining in parallel with the console, instead of after it (issue 14). The console
 * opens again on load, which only hands out a token for the same room; a failure here is the
 * console's to show.
 */
export function EnterConsoleLink({ rollCallId, href, className, children }: { rollCallId: string; href: string; className: string; children: ReactNode }) {
  return (
    <Link href={href} className={className} onClick={() => void consoleApi.open(rollCallId)}>
      {children}
    </Link>
  );
}
