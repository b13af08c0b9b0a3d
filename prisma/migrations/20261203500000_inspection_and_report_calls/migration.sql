-- Issue 11 §3–4: inspection history and live report calls (现场点名汇报).

-- CreateEnum
CREATE TYPE "InspectionMode" AS ENUM ('tile', 'watch', 'speak');

-- CreateEnum
CREATE TYPE "ReportCallState" AS ENUM ('live', 'ended');

-- CreateEnum
CREATE TYPE "ReportCenterStatus" AS ENUM ('waiting', 'reported', 'absent');

-- CreateTable
CREATE TABLE "InspectionView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "mode" "InspectionMode" NOT NULL,
    "unitPath" TEXT NOT NULL,
    "viewerUnitPath" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "joinedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "InspectionView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportCall" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "state" "ReportCallState" NOT NULL DEFAULT 'live',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ReportCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportCallCenter" (
    "id" TEXT NOT NULL,
    "reportCallId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" "ReportCenterStatus" NOT NULL DEFAULT 'waiting',
    "answeredAt" TIMESTAMP(3),
    "answeredById" TEXT,
    "calledAt" TIMESTAMP(3),
    "markedAt" TIMESTAMP(3),
    "markedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ReportCallCenter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InspectionView_userId_openedAt_idx" ON "InspectionView"("userId", "openedAt");

-- CreateIndex
CREATE INDEX "InspectionView_viewerUnitPath_openedAt_idx" ON "InspectionView"("viewerUnitPath", "openedAt");

-- CreateIndex
CREATE INDEX "InspectionView_roomId_idx" ON "InspectionView"("roomId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportCall_roomId_key" ON "ReportCall"("roomId");

-- CreateIndex
CREATE INDEX "ReportCall_unitId_createdAt_idx" ON "ReportCall"("unitId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportCallCenter_reportCallId_unitId_key" ON "ReportCallCenter"("reportCallId", "unitId");

-- CreateIndex
CREATE INDEX "ReportCallCenter_unitId_status_idx" ON "ReportCallCenter"("unitId", "status");

-- AddForeignKey
ALTER TABLE "InspectionView" ADD CONSTRAINT "InspectionView_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportCall" ADD CONSTRAINT "ReportCall_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportCall" ADD CONSTRAINT "ReportCall_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportCallCenter" ADD CONSTRAINT "ReportCallCenter_reportCallId_fkey" FOREIGN KEY ("reportCallId") REFERENCES "ReportCall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportCallCenter" ADD CONSTRAINT "ReportCallCenter_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
