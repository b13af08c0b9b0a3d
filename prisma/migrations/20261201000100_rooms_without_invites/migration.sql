-- AlterTable
-- Only ad-hoc meetings have invite links. A roll call's room opened with a guest link let a
-- stranger into a live roll call; its codes are removed and never created again.
ALTER TABLE "Room" ALTER COLUMN "hostCode" DROP NOT NULL,
ALTER COLUMN "guestCode" DROP NOT NULL;

UPDATE "Room" SET "hostCode" = NULL, "guestCode" = NULL WHERE "kind" <> 'meeting';
