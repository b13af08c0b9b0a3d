-- Self check-in (自助报到): plans with weekly windows, phones bound by WebAuthn, single-use
-- challenges, and the check-ins themselves (one per person and window).
CREATE TABLE "CheckInPlan" (
    "personId" TEXT NOT NULL,
    "windows" JSONB NOT NULL DEFAULT '[]',
    "linkVersion" INTEGER NOT NULL DEFAULT 1,
    "bindingOpenUntil" TIMESTAMP(3),
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "CheckInPlan_pkey" PRIMARY KEY ("personId")
);
ALTER TABLE "CheckInPlan" ADD CONSTRAINT "CheckInPlan_personId_fkey" FOREIGN KEY ("personId") REFERENCES "SupervisedPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PhoneCredential" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "PhoneCredential_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PhoneCredential_credentialId_key" ON "PhoneCredential"("credentialId");
CREATE INDEX "PhoneCredential_personId_idx" ON "PhoneCredential"("personId");
ALTER TABLE "PhoneCredential" ADD CONSTRAINT "PhoneCredential_personId_fkey" FOREIGN KEY ("personId") REFERENCES "SupervisedPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "WebAuthnChallenge" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "liveness" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebAuthnChallenge_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WebAuthnChallenge_challenge_key" ON "WebAuthnChallenge"("challenge");
CREATE INDEX "WebAuthnChallenge_personId_idx" ON "WebAuthnChallenge"("personId");

CREATE TABLE "SelfCheckIn" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "windowKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "accuracyMeters" DOUBLE PRECISION,
    "distanceMeters" DOUBLE PRECISION,
    "bearingDegrees" DOUBLE PRECISION,
    "photo" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "faceMatch" JSONB NOT NULL DEFAULT '{}',
    "liveness" JSONB NOT NULL DEFAULT '{}',
    "credentialId" TEXT NOT NULL,
    CONSTRAINT "SelfCheckIn_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SelfCheckIn_personId_windowKey_key" ON "SelfCheckIn"("personId", "windowKey");
CREATE INDEX "SelfCheckIn_personId_at_idx" ON "SelfCheckIn"("personId", "at");
ALTER TABLE "SelfCheckIn" ADD CONSTRAINT "SelfCheckIn_personId_fkey" FOREIGN KEY ("personId") REFERENCES "SupervisedPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
