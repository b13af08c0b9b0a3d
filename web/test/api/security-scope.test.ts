import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest } from "../support/fixtures.ts";
import { useSeededApi, type SeededApi } from "../support/seeded-api.ts";

/** Issue 8: what the API shows and lets an actor do stays inside what the README promises. */
describe("security: scope, search and exports", () => {
  const seeded = useSeededApi();
  let db: Database;
  let fixtures: SeededApi["fixtures"];
  beforeAll(() => {
    ({ db, fixtures } = seeded);
  });

  it("exports names that look like formulas as inert text", async () => {
    const [first] = fixtures.hcPersonIds;
    await db.prisma.supervisedPerson.update({ where: { id: first! }, data: { name: '=HYPERLINK("http://evil.example","x")' } });
    const officer = await ApiClient.signIn("gm.officer");
    const csv = await officer.call("exportRollCallCsv", { params: { id: fixtures.rollCallToRead } });
    expect(csv.status).toBe(200);
    const lines = (csv.body as string).split("\r\n");
    expect(lines.some((line) => line.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")"`))).toBe(true);
    expect(lines.every((line) => !/^[=+\-@]|,[=+\-@]/.test(line))).toBe(true);
  });

  it("treats % _ and \\ in a search as literal characters", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    for (const q of ["%", "_", "\\", "%%"]) {
      const persons = await officer.call("listPersons", { query: { q } });
      expect(persons.status).toBe(200);
      expect(persons.body.total, `persons q=${q}`).toBe(0);
      const users = await (await ApiClient.signIn("gm.admin")).call("listUsers", { query: { q } });
      expect(users.body.total, `users q=${q}`).toBe(0);
    }
  });

  it("returns the unit tree without materialized paths (ancestor ids)", async () => {
    const tree = await (await ApiClient.signIn("hc.officer")).call("unitTree");
    expect(tree.status).toBe(200);
    expect(JSON.stringify(tree.body)).not.toContain('"path"');
    expect(JSON.stringify(tree.body)).not.toContain(fixtures.unit("佛山市司法局"));
  });

  it("lets an admin create and promote admins only below its own unit", async () => {
    const admin = await ApiClient.signIn("gm.admin");
    const before = await dataDigest(db);
    const peer = await admin.call("createUser", {
      body: { username: "gm.admin2", displayName: "同级管理员", role: "admin", unitId: fixtures.unit("高明区司法局"), password: "a-long-password-1" },
    });
    expect(peer.status).toBe(403);
    expect(peer.body.error.fields).toEqual({ role: "admin_not_below" });
    const promote = await admin.call("updateUser", { params: { id: fixtures.user("gm.officer") }, body: { role: "admin" } });
    expect(promote.status).toBe(403);
    expect(await dataDigest(db)).toBe(before);

    const below = await admin.call("createUser", {
      body: { username: "hc.admin", displayName: "荷城管理员", role: "admin", unitId: fixtures.unit("荷城司法所"), password: "a-long-password-1" },
    });
    expect(below.status).toBe(201);
    const moveUp = await admin.call("updateUser", { params: { id: below.body.id }, body: { unitId: fixtures.unit("高明区司法局") } });
    expect(moveUp.status).toBe(403);
  });

  it("lists in a person's history only the roll calls the viewer may open", async () => {
    const fsAdmin = await db.prisma.user.findUniqueOrThrow({ where: { username: "fs.admin" } });
    const startsAt = new Date(Date.now() + 48 * 3600_000);
    const cityWide = await db.prisma.rollCall.create({
      data: { title: "市局专项点名-机密", unitId: fixtures.unit("佛山市司法局"), startsAt, endsAt: new Date(startsAt.getTime() + 1800_000), graceMinutes: 10, createdById: fsAdmin.id },
    });
    const personId = fixtures.hcPersonIds[0]!;
    await db.prisma.rollCallEntry.create({ data: { rollCallId: cityWide.id, personId, linkExpiresAt: startsAt } });
    const history = await (await ApiClient.signIn("gm.officer")).call("personAttendance", { params: { id: personId } });
    expect(history.status).toBe(200);
    expect(history.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(history.body)).not.toContain("市局专项点名");
    const cityView = await (await ApiClient.signIn("fs.admin")).call("personAttendance", { params: { id: personId } });
    expect(JSON.stringify(cityView.body)).toContain("市局专项点名");
  });
});
