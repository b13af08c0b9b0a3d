import fc from "fast-check";
import type { z } from "zod";
import { routes, type RouteName } from "@/lib/api/routes";
import type { Database } from "@/lib/db/open-database";
import { idNumberCheckChar } from "@/lib/persons/id-number";
import { ApiClient } from "./api-client.ts";
import { dataDigest, RECORD_TABLES, TINY_JPEG, type demoFixtures } from "./fixtures.ts";
import { hostileParam, hostileString, mutatedObject, sampleOf, type ValidPools } from "./fuzz-values.ts";

/**
 * Property-based run over the whole contract (lib/api/routes.ts): every route, called by each kind
 * of actor with values generated from the route's own zod schemas and mutated with hostile ones.
 * Properties: never a 5xx; a 4xx changes no record (rows and audit events); a response never
 * names a unit, person or user outside the caller's reach.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

type Role = "admin" | "officer" | "inspector" | "foreign" | "anonymous" | "node";
const ACTORS: Record<Exclude<Role, "anonymous" | "node">, string> = {
  admin: "gm.admin",
  officer: "gm.officer",
  inspector: "gm.inspector",
  foreign: "nh.officer",
};

export interface FuzzFigures {
  runs: number;
  calls: number;
  byStatus: Record<string, number>;
  ms: number;
  slowestMs: number;
  slowest: string;
}

export async function runApiFuzz(
  db: Database,
  fixtures: Awaited<ReturnType<typeof demoFixtures>>,
  options: { seed: number; numRuns: number; internalSecret: string },
): Promise<FuzzFigures> {
  const clients = new Map<Role, ApiClient>();
  for (const [role, username] of Object.entries(ACTORS)) clients.set(role as Role, await ApiClient.signIn(username));
  clients.set("anonymous", new ApiClient());
  clients.set("node", new ApiClient());

  const units = await db.prisma.unit.findMany({ select: { id: true, path: true, kind: true } });
  const persons = await db.prisma.supervisedPerson.findMany({ select: { id: true, unit: { select: { path: true } } } });
  const users = await db.prisma.user.findMany({ select: { id: true, username: true, unit: { select: { path: true } } } });
  const actorPaths = new Map<string, string>();
  for (const [role, username] of Object.entries(ACTORS)) {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: true } });
    actorPaths.set(role, user.unit.path);
  }
  const actorIds = new Set(users.filter((u) => Object.values(ACTORS).includes(u.username)).map((u) => u.id));
  const rollCalls = await db.prisma.rollCall.findMany({ select: { id: true } });
  const entries = await db.prisma.rollCallEntry.findMany({ select: { id: true }, take: 20 });
  const rooms = await db.prisma.room.findMany({ select: { id: true, hostCode: true, guestCode: true } });
  const ids = [
    ...units.map((u) => u.id).slice(0, 15),
    ...persons.map((p) => p.id).slice(0, 15),
    ...users.filter((u) => !actorIds.has(u.id)).map((u) => u.id),
    ...rollCalls.map((r) => r.id),
    ...entries.map((e) => e.id),
    ...rooms.map((r) => r.id),
    fixtures.evidenceId,
    fixtures.visits.toBook.id,
    fixtures.visits.booked.id,
    fixtures.visits.heldPersonId,
  ];
  const first17 = "44060819800101999";
  const pools: ValidPools = {
    ids,
    byField: {
      username: "fuzz.user",
      password: "a-long-password-1",
      phone: "13800138000",
      idNumber: first17 + idNumberCheckChar(first17),
      idLast4: "1234",
      rrule: "FREQ=DAILY;COUNT=2",
      jpegBase64: TINY_JPEG,
      guestKey: "fuzzfuzzfuzzfuzz01",
      code: rooms[0]?.guestCode ?? "x",
      // Ids that pass the domain's checks for the 高明区 actors, so hostile values in the other
      // fields get as far as the database.
      unitId: fc.constantFrom(fixtures.unit("荷城司法所"), fixtures.unit("杨和司法所"), fixtures.unit("高明区司法局")),
      parentId: fixtures.unit("高明区司法局"),
      personIds: fixtures.hcPersonIds,
      startDate: "2026-06-01",
      endDate: "2027-06-01",
      entryId: fixtures.liveEntry,
      evidenceId: fixtures.evidenceId,
      facilityId: fixtures.visits.jy1,
      roomId: fixtures.visits.gmRoom,
      terminalId: fixtures.visits.terminal1,
      heldPersonId: fixtures.visits.heldPersonId,
      participantId: fixtures.visits.toBan.participantId,
      visitCode: "FIXTURE001",
      proofBase64: TINY_JPEG,
    },
  };

  // What each actor must never see: ids of anything outside its subtree that is not above it.
  const outside = (path: string) => [
    // Facilities are public (the visit application form lists them by id); every other unit is not.
    ...units.filter((u) => u.kind === "justice" && !u.path.startsWith(path) && !path.startsWith(u.path)).map((u) => u.id),
    ...persons.filter((p) => !p.unit.path.startsWith(path)).map((p) => p.id),
    ...users.filter((u) => !u.unit.path.startsWith(path) && !path.startsWith(u.unit.path)).map((u) => u.id),
  ];
  const forbidden = new Map<Role, string[]>([...actorPaths].map(([role, path]) => [role as Role, outside(path)]));
  forbidden.set("anonymous", persons.map((p) => p.id));

  const names = (Object.keys(routes) as RouteName[]).filter((name) => name !== "logout");
  const figures: FuzzFigures = { runs: 0, calls: 0, byStatus: {}, ms: 0, slowestMs: 0, slowest: "" };
  const started = performance.now();

  const callArb = fc.constantFrom(...names).chain((name) => {
    const route = routes[name];
    const roles: Role[] = route.auth === "internal" ? ["node", "anonymous", "officer"] : ["admin", "officer", "inspector", "foreign", "anonymous"];
    const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const shape = (route.params as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape ?? {};
    const params = fc.record(Object.fromEntries(paramNames.map((key) => [key, fc.oneof(sampleOf(shape[key]!, pools, key), hostileParam)])));
    const query = fc.option(mutatedObject(route.query, pools), { nil: undefined });
    const body = route.body ? fc.oneof({ weight: 8, arbitrary: mutatedObject(route.body, pools) }, { weight: 1, arbitrary: hostileString }) : fc.constant(undefined);
    const weight = (role: Role) => (role === "officer" || role === "admin" || role === "node" ? 3 : 1);
    const role = fc.oneof(...roles.map((r) => ({ weight: weight(r), arbitrary: fc.constant(r) })));
    return fc.record({ name: fc.constant(name), role, params, query, body });
  });

  await fc.assert(
    fc.asyncProperty(callArb, async ({ name, role, params, query, body }) => {
      figures.runs++;
      // Without a session means a fresh client each time: a generated sign-in may succeed.
      const client = role === "anonymous" || role === "node" ? new ApiClient() : clients.get(role)!;
      const before = await dataDigest(db, RECORD_TABLES);
      const t0 = performance.now();
      const result = await client.call(name, {
        // A URL cannot carry a lone surrogate: percent-encoding turns it into U+FFFD, as here.
        params: Object.fromEntries(Object.entries(params as Record<string, string>).map(([k, v]) => [k, v.replace(LONE_SURROGATE, "\ufffd")])),
        query: query && typeof query === "object" ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v) ?? ""])) : undefined,
        // A string body goes out as-is (malformed JSON); anything else as JSON.
        body: body === undefined ? undefined : typeof body === "string" ? body : body,
        headers: role === "node" ? { authorization: `Bearer ${options.internalSecret}` } : undefined,
      });
      const ms = performance.now() - t0;
      figures.calls++;
      figures.byStatus[result.status] = (figures.byStatus[result.status] ?? 0) + 1;
      if (ms > figures.slowestMs) Object.assign(figures, { slowestMs: ms, slowest: `${name} as ${role}` });
      const what = `${name} as ${role}: ${result.status} ${JSON.stringify(result.body)?.slice(0, 300)}`;
      if (result.status >= 500) throw new Error(`server error: ${what}`);
      if (result.status >= 400 && (await dataDigest(db, RECORD_TABLES)) !== before) throw new Error(`a ${result.status} changed records: ${what}`);
      const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body ?? "");
      const leaked = (forbidden.get(role) ?? []).find((id) => text.includes(id));
      if (leaked) throw new Error(`leaked ${leaked} out of scope: ${what}`);
    }),
    { seed: options.seed, numRuns: options.numRuns, endOnFailure: true },
  );
  figures.ms = performance.now() - started;
  return figures;
}
