-- AlterTable
-- The console's own time of a mark, so that a retried request overtaken by a newer mark from the
-- same officer is recognised as stale instead of overwriting it.
ALTER TABLE "RollCallEntry" ADD COLUMN "markMadeAt" TIMESTAMP(3);
