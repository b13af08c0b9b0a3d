import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getExcuseDocument } from "@/lib/rollcalls/attach-excuse-document";

export const GET = apiHandler(routes.getExcuseAttachment, async ({ actor, params }) => {
  const document = await getExcuseDocument(actor, params.id, params.entryId, params.attachmentId);
  // A PDF is downloaded, never rendered inside the portal's origin; images are shown inline.
  const disposition = document.mimeType === "application/pdf" ? `attachment; filename=excuse-${document.id}.pdf` : "inline";
  return new NextResponse(new Uint8Array(document.bytes), {
    headers: { "content-type": document.mimeType, "x-content-sha256": document.sha256, "content-disposition": disposition, "cache-control": "private, max-age=3600" },
  });
});
