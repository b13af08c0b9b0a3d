-- AlterTable
-- A make-up call (补点, issue 13 §5) is a roll call of its own for one person marked 缺席; its
-- mark is recorded on the original entry beside the 缺席, which stays.
ALTER TABLE "RollCall" ADD COLUMN "makeUpOfEntryId" TEXT;

ALTER TABLE "RollCallEntry" ADD COLUMN "makeUpStatus" "AttendanceStatus",
ADD COLUMN "makeUpAt" TIMESTAMP(3),
ADD COLUMN "makeUpById" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "RollCall_makeUpOfEntryId_key" ON "RollCall"("makeUpOfEntryId");
