import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { getCheckInPhoto } from "@/lib/checkin/get-checkin-photo";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.getCheckInPhoto, async ({ actor, params }) => {
  const photo = await getCheckInPhoto(actor, params.id, params.checkInId);
  // no-store: each view must reach the server, where it is audited.
  return new NextResponse(new Uint8Array(photo.bytes), {
    headers: { "content-type": photo.mimeType, "cache-control": "private, no-store", "x-content-sha256": photo.sha256 },
  });
});
