-- The officer's decision on a pending self check-in (issue 13 §4): approved or rejected, once,
-- with who, when and a note. The workbench finds undecided pending check-ins by the index.
ALTER TABLE "SelfCheckIn" ADD COLUMN "decision" TEXT;
ALTER TABLE "SelfCheckIn" ADD COLUMN "decidedAt" TIMESTAMP(3);
ALTER TABLE "SelfCheckIn" ADD COLUMN "decidedById" TEXT;
ALTER TABLE "SelfCheckIn" ADD COLUMN "decisionNote" TEXT NOT NULL DEFAULT '';
CREATE INDEX "SelfCheckIn_status_decision_idx" ON "SelfCheckIn"("status", "decision");
