import { expect } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { Database } from "@/lib/db/open-database";
import type { Engine } from "../../../test/support/test-database.ts";

/** The races of issue 8 show on PostgreSQL (a pool of 10); PGlite runs one query at a time. */
export const ENGINES: Engine[] = ["pglite", "postgres"];

/** How many copies of one request a hostile client with valid credentials sends at once. */
export const TIMES = 100;

export function times<T>(n: number, send: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => send(i)));
}

/** Every answer is one of the expected statuses: a refusal is typed, never a 500. */
export function expectOnly(results: Array<{ status: number; body: unknown }>, allowed: number[]) {
  const unexpected = results.filter((r) => !allowed.includes(r.status));
  expect(unexpected.map((r) => `${r.status} ${JSON.stringify(r.body)}`).slice(0, 3)).toEqual([]);
}

export const countOf = (results: Array<{ status: number }>, status: number) => results.filter((r) => r.status === status).length;

export async function expectIntactChain(db: Database) {
  expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
}
