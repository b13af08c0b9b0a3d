-- AlterTable
ALTER TABLE "RollCallEntry" ADD COLUMN "calledAt" TIMESTAMP(3),
ADD COLUMN "challengeKind" TEXT,
ADD COLUMN "challengeValue" TEXT,
ADD COLUMN "challengeIssuedAt" TIMESTAMP(3),
ADD COLUMN "challengeResult" TEXT,
ADD COLUMN "answeredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RollCallEvidence" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "takenById" TEXT NOT NULL,
    "challenge" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "RollCallEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RollCallEvidence_entryId_idx" ON "RollCallEvidence"("entryId");

-- AddForeignKey
ALTER TABLE "RollCallEvidence" ADD CONSTRAINT "RollCallEvidence_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "RollCallEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
