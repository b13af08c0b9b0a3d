-- Face enrolment (reference photo + descriptor, history kept), residence areas, and the face
-- match result stored with each roll-call snapshot.
CREATE TABLE "FaceEnrolment" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "photo" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "descriptor" BYTEA NOT NULL,
    "faceScore" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "enrolledById" TEXT NOT NULL,
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),
    CONSTRAINT "FaceEnrolment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "FaceEnrolment_personId_enrolledAt_idx" ON "FaceEnrolment"("personId", "enrolledAt");
ALTER TABLE "FaceEnrolment" ADD CONSTRAINT "FaceEnrolment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "SupervisedPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- At most one current enrolment per person, whatever races: the second of two concurrent
-- enrolments fails here instead of leaving two "current" references.
CREATE UNIQUE INDEX "FaceEnrolment_one_current" ON "FaceEnrolment"("personId") WHERE "supersededAt" IS NULL;

CREATE TABLE "ResidenceArea" (
    "personId" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "radiusMeters" INTEGER NOT NULL,
    "mayLeave" BOOLEAN NOT NULL DEFAULT false,
    "address" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ResidenceArea_pkey" PRIMARY KEY ("personId")
);
ALTER TABLE "ResidenceArea" ADD CONSTRAINT "ResidenceArea_personId_fkey" FOREIGN KEY ("personId") REFERENCES "SupervisedPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RollCallEvidence" ADD COLUMN "faceMatch" JSONB NOT NULL DEFAULT '{}';
