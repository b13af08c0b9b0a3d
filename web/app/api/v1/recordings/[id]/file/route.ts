import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { openRecordingFile } from "@/lib/recordings/open-recording-file";

export const GET = apiHandler(routes.downloadRecording, async ({ actor, params, request }) => {
  const file = await openRecordingFile(actor, params.id, request.headers.get("range"));
  if (file.unsatisfiable) {
    return new NextResponse(null, { status: 416, headers: { "content-range": `bytes */${file.size}`, "cache-control": "private, no-store" } });
  }
  const headers: Record<string, string> = {
    "content-type": file.mimeType,
    "accept-ranges": "bytes",
    // The hash of the whole original, so a download can be checked against the archive's record.
    "x-content-sha256": file.sha256,
    "cache-control": "private, no-store",
    // A media element ignores this; a browser tab opening the URL saves the original.
    "content-disposition": `attachment; filename="${file.name}"`,
  };
  if (file.range) {
    headers["content-range"] = `bytes ${file.range.start}-${file.range.end}/${file.size}`;
    headers["content-length"] = String(file.range.end - file.range.start + 1);
  } else {
    headers["content-length"] = String(file.size);
  }
  return new NextResponse(Readable.toWeb(file.stream) as ReadableStream, { status: file.range ? 206 : 200, headers });
});
