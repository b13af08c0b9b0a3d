import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routes } from "@/lib/api/routes";
import { ApiClient } from "../support/api-client.ts";
import { routeModules } from "../support/route-modules.ts";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

const toOpenApiPath = (file: string) =>
  "/api/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).map((part) => part.replace(/^\[(\w+)\]$/, "{$1}")).join("/");

describe("the API contract", () => {
  it("has a contract entry for every route file and a route file for every entry", () => {
    const filePaths = routeFiles(API_DIR).map(toOpenApiPath).sort();
    expect(filePaths).toEqual([...new Set(Object.values(routes).map((r) => r.path))].sort());
    expect(Object.keys(routeModules).sort()).toEqual(filePaths);
  });

  it("exports exactly the contract's methods from each route file, all built by apiHandler", async () => {
    for (const [routePath, load] of Object.entries(routeModules)) {
      const exported = Object.keys(await load()).filter((key) => /^[A-Z]+$/.test(key)).sort();
      const declared = Object.values(routes).filter((r) => r.path === routePath).map((r) => r.method).sort();
      expect(exported, routePath).toEqual(declared);
    }
  });

  it("answers the health check once the database is open", async () => {
    expect((await new ApiClient().call("health")).body).toEqual({ status: "ok" });
  });

  it("serves an OpenAPI 3.1 document generated from the zod schemas, listing every route", async () => {
    const result = await new ApiClient().call("openapi");
    expect(result.status).toBe(200);
    const doc = result.body;
    expect(doc.openapi).toBe("3.1.0");
    for (const route of Object.values(routes)) {
      expect(doc.paths[route.path]?.[route.method.toLowerCase()]?.operationId, route.path).toBe(route.operationId);
    }
    const create = doc.paths["/api/v1/persons"].post;
    expect(create.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PersonCreate" });
    const schema = doc.components.schemas.PersonCreate;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.name.maxLength).toBe(40);
    expect(schema.required).toEqual(expect.arrayContaining(["unitId", "name", "idNumber"]));
    expect(doc.components.schemas.Error.properties.error).toBeDefined();
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref.split("/").pop()!], ref).toBeDefined();
    const list = doc.paths["/api/v1/persons"].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(["page", "pageSize", "q", "unitId", "status"]));
  });
});
