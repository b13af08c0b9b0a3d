import { config } from "../config.ts";
import { openDatabase, type Database } from "./open-database.ts";

// next start evaluates this module once per route entry, so the open database lives on
// globalThis: one PGlite per process, opened lazily (never at import, which next build does).
const holder = globalThis as typeof globalThis & { __yangguangDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  if (!holder.__yangguangDb) {
    const opening = openDatabase(config().database);
    holder.__yangguangDb = opening;
    opening.catch(() => {
      holder.__yangguangDb = undefined;
    });
  }
  return holder.__yangguangDb;
}

export async function getDb() {
  return (await getDatabase()).prisma;
}

/** For tests and scripts that open a database of their own and want the domain layer to use it. */
export function useDatabase(db: Database): void {
  holder.__yangguangDb = Promise.resolve(db);
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.__yangguangDb;
  holder.__yangguangDb = undefined;
  if (pending) await (await pending).close();
}
