-- Issue 11 §1: media nodes register with the portal and send heartbeats.

-- CreateTable
CREATE TABLE "MediaNode" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "parentId" TEXT,
    "publicUrl" TEXT NOT NULL,
    "internalUrl" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "boot" TEXT NOT NULL,
    "bootSentAt" TIMESTAMP(3) NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "firstRegisteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastHeartbeatAt" TIMESTAMP(3),
    "figures" JSONB,

    CONSTRAINT "MediaNode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MediaNode_unitId_idx" ON "MediaNode"("unitId");

-- AddForeignKey
ALTER TABLE "MediaNode" ADD CONSTRAINT "MediaNode_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
