import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getVisitProof } from "@/lib/visits/get-visit";

export const GET = apiHandler(routes.getVisitProof, async ({ actor, params }) => {
  const proof = await getVisitProof(actor, params.id);
  // A PDF is downloaded, never rendered inside the portal's origin; images are shown inline.
  const disposition = proof.mime === "application/pdf" ? "attachment; filename=proof.pdf" : "inline";
  return new NextResponse(new Uint8Array(proof.bytes), {
    headers: { "content-type": proof.mime, "x-content-sha256": proof.sha256, "content-disposition": disposition },
  });
});
