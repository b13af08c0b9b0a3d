// npm run audit:verify — checks the audit hash chain and names the first broken link.
import { databaseTargetFromEnv } from "../web/lib/config.ts";
import { verifyAuditChain } from "../web/lib/audit/verify-audit-chain.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";

const db = await openDatabase(databaseTargetFromEnv());
try {
  const verdict = await verifyAuditChain(db.prisma, (checked) => process.stdout.write(`\raudit:verify checked ${checked}`));
  process.stdout.write("\n");
  if (verdict.ok) {
    console.log(`audit:verify OK — ${verdict.events} events, chain intact`);
  } else {
    const what = verdict.reason === "hash_mismatch" ? "its content does not match its hash (edited)" : "it does not link to the event before it (removed or reordered)";
    console.error(`audit:verify BROKEN at event #${verdict.brokenAt}: ${what}. ${verdict.events} events before it are intact.`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
