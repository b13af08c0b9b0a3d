-- CreateEnum
CREATE TYPE "RollCallState" AS ENUM ('scheduled', 'live', 'ended', 'cancelled');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('pending', 'present', 'late', 'excused', 'absent');

-- CreateTable
CREATE TABLE "RollCall" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "graceMinutes" INTEGER NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "livenessEnabled" BOOLEAN NOT NULL DEFAULT true,
    "state" "RollCallState" NOT NULL DEFAULT 'scheduled',
    "seriesId" TEXT,
    "rrule" TEXT,
    "roomId" TEXT,
    "createdById" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RollCall_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RollCall_window_check" CHECK ("endsAt" > "startsAt" AND "graceMinutes" >= 0)
);

-- CreateTable
CREATE TABLE "RollCallEntry" (
    "id" TEXT NOT NULL,
    "rollCallId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" "AttendanceStatus" NOT NULL DEFAULT 'pending',
    "linkVersion" INTEGER NOT NULL DEFAULT 1,
    "linkExpiresAt" TIMESTAMP(3) NOT NULL,
    "linkRevokedAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "joinedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "markedAt" TIMESTAMP(3),
    "markedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "RollCallEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RollCall_roomId_key" ON "RollCall"("roomId");

-- CreateIndex
CREATE INDEX "RollCall_unitId_startsAt_idx" ON "RollCall"("unitId", "startsAt");

-- CreateIndex
CREATE INDEX "RollCall_seriesId_idx" ON "RollCall"("seriesId");

-- CreateIndex
CREATE INDEX "RollCallEntry_personId_idx" ON "RollCallEntry"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "RollCallEntry_rollCallId_personId_key" ON "RollCallEntry"("rollCallId", "personId");

-- AddForeignKey
ALTER TABLE "RollCall" ADD CONSTRAINT "RollCall_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollCallEntry" ADD CONSTRAINT "RollCallEntry_rollCallId_fkey" FOREIGN KEY ("rollCallId") REFERENCES "RollCall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollCallEntry" ADD CONSTRAINT "RollCallEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "SupervisedPerson"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
