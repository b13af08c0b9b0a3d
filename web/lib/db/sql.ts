import type { DatabaseTarget } from "../config.ts";

/**
 * A plain SQL connection, below Prisma: the migration runner and the test harness use it, so
 * that they work on an empty database before any Prisma model exists.
 */
export interface SqlConnection {
  readonly kind: DatabaseTarget["kind"];
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn on one session: BEGIN/COMMIT and advisory locks need the same connection. */
  session<T>(fn: (session: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function sqlFromPglite(db: import("@electric-sql/pglite").PGlite): SqlConnection {
  const connection: SqlConnection = {
    kind: "pglite",
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T,>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
    session: (fn) => fn(connection),
    close: () => db.close(),
  };
  return connection;
}

type Queryable = Pick<import("pg").Pool, "query">;

function sqlFromQueryable(
  target: Queryable,
  session: SqlConnection["session"] | null,
  close: () => Promise<void>,
): SqlConnection {
  const connection: SqlConnection = {
    kind: "postgres",
    exec: async (sql) => {
      await target.query(sql);
    },
    query: async <T,>(sql: string, params: unknown[] = []) => (await target.query(sql, params)).rows as T[],
    // A checked-out client is already one session.
    session: session ?? ((fn) => fn(connection)),
    close,
  };
  return connection;
}

export function sqlFromPool(pool: import("pg").Pool): SqlConnection {
  return sqlFromQueryable(
    pool,
    async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(sqlFromQueryable(client, null, async () => {}));
      } finally {
        client.release();
      }
    },
    () => pool.end(),
  );
}
