-- Family remote visits (issue 9): facilities as units, held persons, visit rooms and terminals,
-- visits with their participants, reservations (no double booking), warnings and apply attempts.

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('justice', 'prison', 'detox');
CREATE TYPE "VisitRoomKind" AS ENUM ('room', 'terminal');
CREATE TYPE "HeldPersonStatus" AS ENUM ('held', 'released');
CREATE TYPE "VisitKind" AS ENUM ('visit', 'help_education');
CREATE TYPE "VisitState" AS ENUM ('submitted', 'booked', 'rejected', 'cancelled', 'in_progress', 'ended');
CREATE TYPE "VisitEnd" AS ENUM ('on_time', 'terminated', 'connection_lost');
CREATE TYPE "VisitParticipantRole" AS ENUM ('applicant', 'co_visitor', 'invitee', 'social_worker');

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "kind" "UnitKind" NOT NULL DEFAULT 'justice';

-- CreateTable
CREATE TABLE "VisitRoom" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" "VisitRoomKind" NOT NULL,
    "name" TEXT NOT NULL,
    "openingHours" JSONB NOT NULL,
    "slotMinutes" INTEGER NOT NULL DEFAULT 30,
    "closedDates" JSONB NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VisitRoom_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "VisitRoom_slot_check" CHECK ("slotMinutes" > 0 AND "slotMinutes" <= 240)
);

CREATE TABLE "HeldPerson" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "status" "HeldPersonStatus" NOT NULL DEFAULT 'held',
    "expectedRelease" DATE,
    "releaseUnitId" TEXT,
    "visitsPerMonth" INTEGER NOT NULL DEFAULT 2,
    "visitorsPerVisit" INTEGER NOT NULL DEFAULT 3,
    "homeVisitsAllowed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HeldPerson_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Visitor" (
    "id" TEXT NOT NULL,
    "heldPersonId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "phone" TEXT NOT NULL DEFAULT '',
    "relationship" TEXT NOT NULL,
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "bannedUntil" TIMESTAMP(3),
    "banReason" TEXT,
    "bannedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Visitor_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "VisitKind" NOT NULL DEFAULT 'visit',
    "state" "VisitState" NOT NULL DEFAULT 'submitted',
    "heldPersonId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "privileged" BOOLEAN NOT NULL DEFAULT false,
    "mustRecord" BOOLEAN NOT NULL DEFAULT true,
    "fromHome" BOOLEAN NOT NULL DEFAULT false,
    "familyUnitId" TEXT,
    "familyRoomId" TEXT,
    "terminalId" TEXT,
    "preferredSlots" JSONB NOT NULL DEFAULT '[]',
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "applicantIdHash" TEXT,
    "applicantIdLast4" TEXT,
    "applicantPhone" TEXT NOT NULL DEFAULT '',
    "proofMime" TEXT,
    "proofBytes" BYTEA,
    "proofSha256" TEXT,
    "createdById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "rejectReason" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "roomId" TEXT,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedHow" "VisitEnd",
    "endedById" TEXT,
    "endReason" TEXT,
    "socialWorker" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id"),
    -- A booked visit has its slot and its terminal; a center visit its room; a home visit none.
    CONSTRAINT "Visit_slot_check" CHECK ("endsAt" IS NULL OR "startsAt" IS NULL OR "endsAt" > "startsAt"),
    CONSTRAINT "Visit_booked_check" CHECK ("state" IN ('submitted', 'rejected') OR "state" = 'cancelled' OR ("startsAt" IS NOT NULL AND "endsAt" IS NOT NULL AND "terminalId" IS NOT NULL)),
    CONSTRAINT "Visit_side_check" CHECK (NOT "fromHome" OR "familyRoomId" IS NULL)
);

CREATE TABLE "VisitParticipant" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "role" "VisitParticipantRole" NOT NULL,
    "name" TEXT NOT NULL,
    "relationship" TEXT NOT NULL DEFAULT '',
    "idNumberHash" TEXT,
    "idNumberMasked" TEXT,
    "idLast4" TEXT,
    "phone" TEXT NOT NULL DEFAULT '',
    "linkTokenHash" TEXT,
    "linkIssuedAt" TIMESTAMP(3),
    "linkRevokedAt" TIMESTAMP(3),
    "verifyMethod" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "verifiedById" TEXT,
    "snapshotMime" TEXT,
    "snapshotBytes" BYTEA,
    "snapshotSha256" TEXT,
    "joinedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitParticipant_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "VisitReservation" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitReservation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "VisitReservation_slot_check" CHECK ("endsAt" > "startsAt")
);

CREATE TABLE "VisitWarning" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byId" TEXT,
    "text" TEXT NOT NULL,

    CONSTRAINT "VisitWarning_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "VisitApplyAttempt" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitApplyAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VisitRoom_unitId_name_key" ON "VisitRoom"("unitId", "name");
CREATE UNIQUE INDEX "HeldPerson_idNumberHash_key" ON "HeldPerson"("idNumberHash");
CREATE INDEX "HeldPerson_facilityId_name_idx" ON "HeldPerson"("facilityId", "name");
CREATE INDEX "HeldPerson_releaseUnitId_idx" ON "HeldPerson"("releaseUnitId");
CREATE UNIQUE INDEX "Visitor_heldPersonId_idNumberHash_key" ON "Visitor"("heldPersonId", "idNumberHash");
CREATE UNIQUE INDEX "Visit_code_key" ON "Visit"("code");
CREATE UNIQUE INDEX "Visit_roomId_key" ON "Visit"("roomId");
CREATE INDEX "Visit_facilityId_state_createdAt_idx" ON "Visit"("facilityId", "state", "createdAt");
CREATE INDEX "Visit_familyUnitId_startsAt_idx" ON "Visit"("familyUnitId", "startsAt");
CREATE INDEX "Visit_heldPersonId_startsAt_idx" ON "Visit"("heldPersonId", "startsAt");
CREATE INDEX "Visit_applicantIdHash_createdAt_idx" ON "Visit"("applicantIdHash", "createdAt");
CREATE UNIQUE INDEX "VisitParticipant_linkTokenHash_key" ON "VisitParticipant"("linkTokenHash");
CREATE INDEX "VisitParticipant_visitId_idx" ON "VisitParticipant"("visitId");
CREATE UNIQUE INDEX "VisitReservation_resourceId_startsAt_key" ON "VisitReservation"("resourceId", "startsAt");
CREATE INDEX "VisitReservation_visitId_idx" ON "VisitReservation"("visitId");
CREATE INDEX "VisitReservation_resourceId_endsAt_idx" ON "VisitReservation"("resourceId", "endsAt");
CREATE INDEX "VisitWarning_visitId_at_idx" ON "VisitWarning"("visitId", "at");
CREATE INDEX "VisitApplyAttempt_key_at_idx" ON "VisitApplyAttempt"("key", "at");

-- AddForeignKey
ALTER TABLE "VisitRoom" ADD CONSTRAINT "VisitRoom_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "HeldPerson" ADD CONSTRAINT "HeldPerson_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "HeldPerson" ADD CONSTRAINT "HeldPerson_releaseUnitId_fkey" FOREIGN KEY ("releaseUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Visitor" ADD CONSTRAINT "Visitor_heldPersonId_fkey" FOREIGN KEY ("heldPersonId") REFERENCES "HeldPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_heldPersonId_fkey" FOREIGN KEY ("heldPersonId") REFERENCES "HeldPerson"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_familyUnitId_fkey" FOREIGN KEY ("familyUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_familyRoomId_fkey" FOREIGN KEY ("familyRoomId") REFERENCES "VisitRoom"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "VisitRoom"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "VisitParticipant" ADD CONSTRAINT "VisitParticipant_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VisitReservation" ADD CONSTRAINT "VisitReservation_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VisitReservation" ADD CONSTRAINT "VisitReservation_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "VisitRoom"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "VisitWarning" ADD CONSTRAINT "VisitWarning_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
