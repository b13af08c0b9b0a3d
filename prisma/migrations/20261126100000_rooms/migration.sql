-- CreateEnum
CREATE TYPE "RoomKind" AS ENUM ('meeting', 'rollcall', 'visit', 'inspection');

-- CreateEnum
CREATE TYPE "RoomState" AS ENUM ('open', 'closed');

-- CreateTable
CREATE TABLE "Room" (
    "id" TEXT NOT NULL,
    "kind" "RoomKind" NOT NULL DEFAULT 'meeting',
    "title" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "requiresAdmission" BOOLEAN NOT NULL DEFAULT false,
    "state" "RoomState" NOT NULL DEFAULT 'open',
    "hostCode" TEXT NOT NULL,
    "guestCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Room_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoomEvent" (
    "id" BIGSERIAL NOT NULL,
    "roomId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "identity" TEXT,
    "name" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "node" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "RoomEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Room_hostCode_key" ON "Room"("hostCode");

-- CreateIndex
CREATE UNIQUE INDEX "Room_guestCode_key" ON "Room"("guestCode");

-- CreateIndex
CREATE INDEX "Room_unitId_state_idx" ON "Room"("unitId", "state");

-- CreateIndex
CREATE INDEX "RoomEvent_roomId_at_idx" ON "RoomEvent"("roomId", "at");

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomEvent" ADD CONSTRAINT "RoomEvent_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
