import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { openRecordingFile } from "@/lib/recordings/open-recording-file";

export const GET = apiHandler(routes.downloadRecording, async ({ actor, params }) => {
  const file = await openRecordingFile(actor, params.id);
  return new NextResponse(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "content-type": file.mimeType,
      "content-length": String(file.sizeBytes),
      "content-disposition": `attachment; filename="${file.name}"`,
      "cache-control": "private, no-store",
      "x-content-sha256": file.sha256,
    },
  });
});
