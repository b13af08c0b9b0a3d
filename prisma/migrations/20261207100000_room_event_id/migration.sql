-- AlterTable
-- Issue 10: the id a media node gives each event when it happens (a UUIDv7). Unique, so an event
-- the node posts again (a retry whose answer was lost, its outbox after a restart) is stored once
-- (INSERT … ON CONFLICT DO NOTHING). Null for events stored before, and from nodes without ids.
ALTER TABLE "RoomEvent" ADD COLUMN "eventId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "RoomEvent_eventId_key" ON "RoomEvent"("eventId");
