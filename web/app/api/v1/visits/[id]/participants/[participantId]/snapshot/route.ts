import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getVisitSnapshot } from "@/lib/visits/day/get-visit-snapshot";

export const GET = apiHandler(routes.getVisitSnapshot, async ({ actor, params }) => {
  const snapshot = await getVisitSnapshot(actor, params.id, params.participantId);
  // Never cached: each view is a new audited read.
  return new NextResponse(new Uint8Array(snapshot.bytes), {
    headers: { "content-type": snapshot.mime, "x-content-sha256": snapshot.sha256, "content-disposition": "inline", "cache-control": "no-store, private" },
  });
});
