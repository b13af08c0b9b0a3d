import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteName } from "@/lib/api/routes";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient, type ApiResult } from "../support/api-client.ts";
import { dataDigest, demoFixtures, TINY_JPEG } from "../support/fixtures.ts";

type Ctx = { id: string; entryId: string; version: number };
type Action = { route: RouteName; live: boolean; ok: number; call: (client: ApiClient, ctx: Ctx) => Promise<ApiResult> };

const entry = (ctx: Ctx) => ({ id: ctx.id, entryId: ctx.entryId });

/** Every route that changes a roll call, with what it needs to succeed for its host. */
const ACTIONS: Action[] = [
  { route: "updateRollCall", live: false, ok: 200, call: (c, x) => c.call("updateRollCall", { params: { id: x.id }, body: { version: x.version, title: "改过" } }) },
  { route: "cancelRollCall", live: false, ok: 200, call: (c, x) => c.call("cancelRollCall", { params: { id: x.id } }) },
  { route: "revokeRollCallLink", live: false, ok: 200, call: (c, x) => c.call("revokeRollCallLink", { params: entry(x), body: { reissue: true } }) },
  { route: "openRollCall", live: false, ok: 200, call: (c, x) => c.call("openRollCall", { params: { id: x.id } }) },
  { route: "callRollCallEntry", live: true, ok: 200, call: (c, x) => c.call("callRollCallEntry", { params: entry(x) }) },
  { route: "judgeRollCallChallenge", live: true, ok: 200, call: (c, x) => c.call("judgeRollCallChallenge", { params: entry(x), body: { result: "passed" } }) },
  { route: "markRollCallEntry", live: true, ok: 200, call: (c, x) => c.call("markRollCallEntry", { params: entry(x), body: { status: "present" } }) },
  {
    route: "storeRollCallEvidence",
    live: true,
    ok: 201,
    call: (c, x) => c.call("storeRollCallEvidence", { params: entry(x), body: { jpegBase64: TINY_JPEG, width: 16, height: 16 } }),
  },
  { route: "endRollCall", live: true, ok: 200, call: (c, x) => c.call("endRollCall", { params: { id: x.id } }) },
];

describe("one rule for every roll-call action: only its host runs it", () => {
  let db: Database;
  let unitId: string;
  let personIds: string[];
  const clients: Record<string, ApiClient> = {};

  // A 荷城 roll call scheduled by the county's admin: its hosts are 荷城's officer and that admin.
  const HOSTS = { "host officer": "hc.officer", scheduler: "gm.admin" } as const;
  const REFUSED = {
    "ancestor officer": ["gm.officer", 403],
    "ancestor admin": ["fs.admin", 403],
    inspector: ["gm.inspector", 403],
    "sibling officer": ["yh.officer", 404],
  } as const;

  const prepare = async (live: boolean): Promise<Ctx> => {
    const created = await clients["gm.admin"]!.call("createRollCall", {
      body: { title: "权限矩阵", unitId, startsAt: new Date(Date.now() + 60_000).toISOString(), personIds },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.items[0].id as string;
    const entryId = (await db.prisma.rollCallEntry.findFirstOrThrow({ where: { rollCallId: id } })).id;
    if (live) {
      expect((await clients["hc.officer"]!.call("openRollCall", { params: { id } })).status).toBe(200);
      // A verdict needs a challenge: the host calls the person first.
      expect((await clients["hc.officer"]!.call("callRollCallEntry", { params: { id, entryId } })).status).toBe(200);
    }
    const { version } = await db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
    return { id, entryId, version };
  };

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    unitId = f.unit("荷城司法所");
    personIds = f.hcPersonIds;
    for (const username of [...Object.values(HOSTS), ...Object.values(REFUSED).map(([u]) => u)]) clients[username] = await ApiClient.signIn(username);
  });
  afterAll(() => closeDatabase());

  for (const action of ACTIONS) {
    describe(action.route, () => {
      for (const [who, [username, status]] of Object.entries(REFUSED)) {
        it(`refuses the ${who} (${status}) and changes nothing`, async () => {
          const ctx = await prepare(action.live);
          const before = await dataDigest(db);
          const refused = await action.call(clients[username]!, ctx);
          expect(refused.status, JSON.stringify(refused.body)).toBe(status);
          if (status === 403) expect(refused.body.error.message).toMatch(/superiors and inspectors watch/);
          expect(await dataDigest(db)).toBe(before);
        });
      }
      for (const [who, username] of Object.entries(HOSTS)) {
        it(`lets the ${who} do it`, async () => {
          const ctx = await prepare(action.live);
          const done = await action.call(clients[username]!, ctx);
          expect(done.status, JSON.stringify(done.body)).toBe(action.ok);
        });
      }
    });
  }
});
