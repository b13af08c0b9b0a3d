import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { ReportCallRing } from "@/components/report-calls/report-call-ring";
import { getPageActor } from "@/lib/auth/page-actor";

// The header needs the actor; each page still checks the session itself (requirePageActor),
// because a layout neither re-runs on client navigation nor stops its pages from rendering.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await getPageActor();
  return (
    <div className="flex min-h-dvh flex-col">
      {actor && <SiteHeader actor={actor} />}
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-5 sm:py-6">{children}</main>
      {actor && <ReportCallRing canAnswer={actor.role !== "inspector"} />}
    </div>
  );
}
