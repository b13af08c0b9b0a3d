"use client";

import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The host's "进入控制台" before the call is open. It no longer opens the call (issue 14, last
 * part): the console loads, connects to the media node ahead of time (prepare: token, socket,
 * Device, both transports with ICE + DTLS) and shows 开始点名; that click opens the call and joins
 * on the connection already up, so the persons waiting on their links see the officer at once.
 * Opening on this click, as before, let the persons in while the console page was still loading.
 */
export function EnterConsoleLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  return (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}
