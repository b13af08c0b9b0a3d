-- AlterTable
-- The console tab and its running number of the stored mark, so that a retried request overtaken
-- by a newer mark from the same tab is recognised as stale instead of overwriting it.
ALTER TABLE "RollCallEntry" ADD COLUMN "markConsole" TEXT,
ADD COLUMN "markSeq" INTEGER;
