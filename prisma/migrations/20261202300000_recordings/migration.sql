-- CreateTable
-- One row per recorded track file (issue 10); the file itself lives in RECORDINGS_DIR.
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "codec" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstPacketAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "endReason" TEXT NOT NULL,
    "gap" JSONB,
    "sync" JSONB NOT NULL DEFAULT '[]',
    "node" TEXT NOT NULL,
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Recording_file_key" ON "Recording"("file");

-- CreateIndex
CREATE INDEX "Recording_roomId_firstPacketAt_idx" ON "Recording"("roomId", "firstPacketAt");

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
