import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { idNumberCheckChar } from "@/lib/persons/id-number";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

describe("bad input gets a 400 with field errors and writes nothing", () => {
  let db: Database;
  let officer: ApiClient;
  let fixtures: Awaited<ReturnType<typeof demoFixtures>>;
  let validPerson: Record<string, unknown>;

  beforeAll(async () => {
    db = await useSeededDatabase();
    fixtures = await demoFixtures(db);
    officer = await ApiClient.signIn("gm.officer");
    validPerson = {
      unitId: fixtures.unit("荷城司法所"),
      name: "张三",
      gender: "male",
      idNumber: `44060819900101123${idNumberCheckChar("44060819900101123")}`,
      phone: "13800138000",
      supervisionType: "probation",
      startDate: "2026-01-01",
      endDate: "2027-01-01",
    };
  });
  afterAll(() => closeDatabase());

  const refused = async (body: unknown, status: number, code: string, fields?: Record<string, string>) => {
    const before = await dataDigest(db);
    const result = await officer.call("createPerson", { body });
    expect(result.status, JSON.stringify(result.body)).toBe(status);
    expect(result.body.error.code).toBe(code);
    if (fields) expect(result.body.error.fields).toMatchObject(fields);
    expect(await dataDigest(db)).toBe(before);
  };

  it("refuses malformed JSON", () => refused('{"name": "张三",', 400, "invalid_json"));

  it("refuses wrong types, naming each field", () =>
    refused({ ...validPerson, name: 42, gender: "unknown", startDate: "yesterday" }, 400, "invalid_input", {
      name: "invalid_type",
      gender: "invalid_choice",
      startDate: "invalid_format",
    }));

  it("refuses over-long strings instead of cutting them", () =>
    refused({ ...validPerson, name: "长".repeat(41), notes: "x".repeat(2001) }, 400, "invalid_input", { name: "too_long", notes: "too_long" }));

  it("refuses unknown fields", () =>
    refused({ ...validPerson, idNumberHash: "forged", admin: true }, 400, "invalid_input", { idNumberHash: "unknown_field", admin: "unknown_field" }));

  it("refuses missing required fields", () => refused({ name: "张三" }, 400, "invalid_input", { unitId: "required", idNumber: "required" }));

  it("refuses an ID number with a wrong check digit", () =>
    refused({ ...validPerson, idNumber: "440608199001011230" }, 400, "invalid_input", { idNumber: "invalid_id_number" }));

  it("refuses an end date before the start date", () =>
    refused({ ...validPerson, endDate: "2025-01-01" }, 400, "invalid_input", { endDate: "end_before_start" }));

  it("refuses a body that is not JSON", async () => {
    const before = await dataDigest(db);
    const result = await officer.call("createPerson", { body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(result.status).toBe(415);
    expect(await dataDigest(db)).toBe(before);
  });

  it("refuses a body over 64 KiB", () => refused({ ...validPerson, notes: "x".repeat(70_000) }, 413, "payload_too_large"));

  it("refuses a bad id in the path and a bad query", async () => {
    expect((await officer.call("getPerson", { params: { id: "not-a-uuid" } })).body.error.fields).toEqual({ id: "invalid_format" });
    const page = await officer.call("listPersons", { query: { pageSize: "1000" } });
    expect(page.status).toBe(400);
    expect(page.body.error.fields).toEqual({ pageSize: "too_big" });
  });

  it("accepts the valid person, then refuses the same ID number as a duplicate (409)", async () => {
    const created = await officer.call("createPerson", { body: validPerson });
    expect(created.status).toBe(201);
    expect(created.body.idNumberMasked).toBe(`4406**********123${idNumberCheckChar("44060819900101123")}`);
    expect(JSON.stringify(created.body)).not.toContain(validPerson.idNumber as string);
    await refused({ ...validPerson, name: "李四" }, 409, "conflict", { idNumber: "duplicate" });
  });

  it("refuses an edit based on a stale version (409) and keeps the newer data", async () => {
    const id = fixtures.personHc;
    const first = await officer.call("updatePerson", { params: { id }, body: { version: 1, address: "荷城街道 1 号" } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const before = await dataDigest(db);
    const stale = await officer.call("updatePerson", { params: { id }, body: { version: 1, address: "something older" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ version: "stale" });
    expect(await dataDigest(db)).toBe(before);
  });
});
