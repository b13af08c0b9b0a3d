import type { PrismaClient } from "../db/generated/client.ts";
import { auditEventHash, GENESIS_HASH } from "./event-hash.ts";

export type ChainVerdict =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: bigint; reason: "hash_mismatch" | "link_mismatch" };

/** Walks the chain in order and names the first event whose hash or link does not hold. */
export async function verifyAuditChain(
  prisma: PrismaClient,
  onProgress: (checked: number) => void = () => {},
): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let cursor: bigint | undefined;
  let checked = 0;
  for (;;) {
    const batch = await prisma.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: 1000,
    });
    if (batch.length === 0) return { ok: true, events: checked };
    for (const event of batch) {
      if (event.prevHash !== prevHash) return { ok: false, events: checked, brokenAt: event.seq, reason: "link_mismatch" };
      if (auditEventHash(event) !== event.hash) return { ok: false, events: checked, brokenAt: event.seq, reason: "hash_mismatch" };
      prevHash = event.hash;
      checked++;
    }
    cursor = batch.at(-1)!.seq;
    onProgress(checked);
  }
}
