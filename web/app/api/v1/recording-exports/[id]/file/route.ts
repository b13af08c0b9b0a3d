import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { openExportFile } from "@/lib/recordings/export/open-export-file";

export const GET = apiHandler(routes.downloadRecordingExport, async ({ actor, params }) => {
  const file = await openExportFile(actor, params.id);
  return new NextResponse(Readable.toWeb(file.stream) as ReadableStream, {
    status: 200,
    headers: {
      "content-type": "video/mp4",
      "content-length": String(file.size),
      "x-content-sha256": file.sha256,
      "cache-control": "private, no-store",
      "content-disposition": `attachment; filename="${file.name}"`,
    },
  });
});
