import fs from "node:fs";
import type { DatabaseTarget } from "../config.ts";
import { PrismaClient } from "./generated/client.ts";
import { acquirePgliteLock } from "./pglite-lock.ts";
import { listenPglite, listenPostgres, type Listen } from "./listen.ts";
import { sqlFromPglite, sqlFromPool, type SqlConnection } from "./sql.ts";

/**
 * Prisma's defaults (wait 2 s for a connection, 5 s per transaction) turned a burst of 100
 * requests on one row into 500s: with a pool of 10 the queued ones gave up before their turn.
 * Transactions here are short and serialised on purpose (row locks, the audit chain's lock), so
 * a request waits its turn instead.
 */
const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 20_000 };

export interface Database {
  readonly prisma: PrismaClient;
  /** The same connection, for SQL below Prisma (migrations, catalog checks). */
  readonly sql: SqlConnection;
  /** LISTEN on a channel (NOTIFY from any process on the same database); see listen.ts. */
  readonly listen: Listen;
  close(): Promise<void>;
}

/** Opens PGlite (in-process, one process per folder) or a PostgreSQL pool, with Prisma on top. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const [{ Pool }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
    const pool = new Pool({ connectionString: target.url, max: 10 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
    const sql = sqlFromPool(pool);
    const listen = listenPostgres(target.url);
    return {
      prisma,
      sql,
      listen,
      close: async () => {
        await listen.close();
        await prisma.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  }

  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const release = target.dataDir ? acquirePgliteLock(target.dataDir) : () => {};
  try {
    if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
    const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await pglite.waitReady;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: TRANSACTION_OPTIONS });
    const sql = sqlFromPglite(pglite);
    let closed = false;
    return {
      prisma,
      sql,
      listen: listenPglite(pglite),
      close: async () => {
        if (closed) return;
        closed = true;
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
