-- AlterTable
-- The officer's remark on a mark, and the reason given for a 请假 (issue 13 §5).
ALTER TABLE "RollCallEntry" ADD COLUMN "markRemark" TEXT,
ADD COLUMN "excuseReason" TEXT;

-- CreateTable
-- A document behind a 请假, kept unaltered with its hash.
CREATE TABLE "RollCallAttachment" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RollCallAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RollCallAttachment_entryId_idx" ON "RollCallAttachment"("entryId");

-- AddForeignKey
ALTER TABLE "RollCallAttachment" ADD CONSTRAINT "RollCallAttachment_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "RollCallEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
