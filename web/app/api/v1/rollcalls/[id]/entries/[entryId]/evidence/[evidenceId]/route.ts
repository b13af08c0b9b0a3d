import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getEvidence } from "@/lib/rollcalls/get-evidence";

export const GET = apiHandler(routes.getRollCallEvidence, async ({ actor, params }) => {
  const evidence = await getEvidence(actor, params.id, params.entryId, params.evidenceId);
  return new NextResponse(new Uint8Array(evidence.bytes), {
    headers: { "content-type": evidence.mimeType, "cache-control": "private, max-age=3600", "x-content-sha256": evidence.sha256 },
  });
});
