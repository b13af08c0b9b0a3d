import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { getFacePhoto } from "@/lib/faces/get-face-photo";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.getFacePhoto, async ({ actor, params }) => {
  const photo = await getFacePhoto(actor, params.id, params.enrolmentId);
  // no-store: each view must reach the server, where it is audited.
  return new NextResponse(new Uint8Array(photo.photo), {
    headers: { "content-type": photo.mimeType, "cache-control": "private, no-store", "x-content-sha256": photo.sha256 },
  });
});
