import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { MAX_CODE_ATTEMPTS } from "@/lib/rollcalls/verify-personal-link";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { demoFixtures } from "../support/fixtures.ts";

/**
 * The link locks after 5 wrong codes. The count used to be read before the transaction that
 * raised it, so 100 wrong codes sent at once all saw "0 tries so far": far more than 5 were tried.
 */
describe.each(ENGINES)("a personal link's code under 100 concurrent attempts (%s)", (engine) => {
  let db: Database;
  let links: Array<{ entryId: string; token: string; idLast4: string }>;
  let officer: ApiClient;
  let rollCallId: string;

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    const f = await demoFixtures(db);
    officer = await ApiClient.signIn("gm.officer");
    const created = await officer.call("createRollCall", {
      body: { title: "并发验证", unitId: f.unit("荷城司法所"), startsAt: new Date(Date.now() + 60_000).toISOString(), graceMinutes: 5, personIds: f.hcPersonIds },
    });
    rollCallId = created.body.items[0].id;
    const detail = (await officer.call("getRollCall", { params: { id: rollCallId } })).body;
    links = await Promise.all(
      detail.entries.map(async (e: { id: string; personId: string; link: string }) => ({
        entryId: e.id,
        token: e.link.replace(/^\/r\//, ""),
        idLast4: (await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: e.personId } })).idLast4,
      })),
    );
  });
  afterAll(() => closeDatabase());

  const wrongCode = (right: string) => (right === "0000" ? "1111" : "0000");
  const attemptsAudited = (entryId: string) =>
    db.prisma.auditEvent.count({ where: { targetId: entryId, action: { in: ["rollcall.link_wrong_code", "rollcall.link_locked"] } } });

  it("tries exactly 5 of 100 wrong codes, then refuses the rest as locked without writing", async () => {
    const link = links[0]!;
    const results = await times(TIMES, () => new ApiClient().call("verifyRollCallLink", { params: { token: link.token }, body: { idLast4: wrongCode(link.idLast4) } }));
    expectOnly(results, [400, 403]);
    expect(countOf(results, 400)).toBe(MAX_CODE_ATTEMPTS - 1);
    expect(results.filter((r) => r.body.error.fields?.link === "locked")).toHaveLength(TIMES - (MAX_CODE_ATTEMPTS - 1));
    expect(await attemptsAudited(link.entryId)).toBe(MAX_CODE_ATTEMPTS);
    const entry = await db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: link.entryId } });
    expect(entry).toMatchObject({ failedAttempts: MAX_CODE_ATTEMPTS, verifiedAt: null });
    expect(entry.lockedAt).not.toBeNull();
    await expectIntactChain(db);
  });

  it("lets a right code racing 99 wrong ones in only while fewer than 5 were tried", async () => {
    const link = links[1]!;
    const results = await times(TIMES, (i) =>
      new ApiClient().call("verifyRollCallLink", { params: { token: link.token }, body: { idLast4: i === 50 ? link.idLast4 : wrongCode(link.idLast4) } }),
    );
    expectOnly(results, [200, 400, 403]);
    const entry = await db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: link.entryId } });
    const verified = results[50]!.status === 200;
    // Verified means the stored record says so; a refused right code left nothing behind.
    expect(entry.verifiedAt !== null).toBe(verified);
    expect(entry.failedAttempts).toBe(MAX_CODE_ATTEMPTS);
    expect(await attemptsAudited(link.entryId)).toBe(MAX_CODE_ATTEMPTS);
    expect(await db.prisma.auditEvent.count({ where: { targetId: link.entryId, action: "rollcall.link_verified" } })).toBe(verified ? 1 : 0);
    await expectIntactChain(db);
  });

  it("counts no wrong code of the old link against the link reissued while they were sent", async () => {
    const link = links[2]!;
    const results = await times(TIMES, (i) =>
      i === TIMES / 2
        ? officer.call("revokeRollCallLink", { params: { id: rollCallId, entryId: link.entryId }, body: { reissue: true } })
        : new ApiClient().call("verifyRollCallLink", { params: { token: link.token }, body: { idLast4: wrongCode(link.idLast4) } }),
    );
    expectOnly(results, [200, 400, 403, 404]);
    const [reissue] = await db.prisma.auditEvent.findMany({ where: { targetId: link.entryId, action: "rollcall.link_reissue" } });
    const after = await db.prisma.auditEvent.count({ where: { targetId: link.entryId, action: { startsWith: "rollcall.link_" }, seq: { gt: reissue!.seq } } });
    expect(after).toBe(0);
    expect(await db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: link.entryId } })).toMatchObject({ failedAttempts: 0, lockedAt: null });
  });
});
