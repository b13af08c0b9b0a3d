-- AlterTable
-- Issue 10: what lines a file up from the node's sender reports (lib/recordings/track-alignment.ts):
-- the RTP clock rate and the file's first RTP timestamp (unsigned 32-bit, hence BIGINT). Null for
-- files reported by older nodes, which are placed by their first packet's wall-clock time.
ALTER TABLE "Recording" ADD COLUMN "clockRate" INTEGER,
ADD COLUMN "firstRtpTimestamp" BIGINT;
