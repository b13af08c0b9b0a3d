-- "Export as one MP4" jobs (issue 10). The two partial unique indexes are the queue's rules, kept
-- by the database whatever number of portals or clicks: one job running at a time in the whole
-- deployment, and one pending (queued or running) job per room.
CREATE TABLE "RecordingExport" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sources" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "progress" INTEGER NOT NULL DEFAULT 0,
    "runner" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "file" TEXT,
    "sizeBytes" BIGINT,
    "sha256" TEXT,
    "error" TEXT,

    CONSTRAINT "RecordingExport_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "RecordingExport_file_key" ON "RecordingExport"("file");
CREATE INDEX "RecordingExport_roomId_requestedAt_idx" ON "RecordingExport"("roomId", "requestedAt");
CREATE INDEX "RecordingExport_state_requestedAt_idx" ON "RecordingExport"("state", "requestedAt");
CREATE UNIQUE INDEX "RecordingExport_one_running" ON "RecordingExport"((true)) WHERE "state" = 'running';
CREATE UNIQUE INDEX "RecordingExport_one_pending_per_room" ON "RecordingExport"("roomId") WHERE "state" IN ('queued', 'running');

ALTER TABLE "RecordingExport" ADD CONSTRAINT "RecordingExport_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
