-- AlterTable
-- An admin resets a node's key (issue 11): the key is retired (refused from then on) and the id
-- waits for the node to register again with a new key. An empty "publicKey" means "none yet".
ALTER TABLE "MediaNode" ADD COLUMN "retiredKeys" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "keyResetAt" TIMESTAMP(3);
