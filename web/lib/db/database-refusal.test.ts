import { describe, expect, it } from "vitest";
import { errorResponse } from "../http/error-response.ts";

describe("database refusals behind every route", () => {
  it("answers a transaction that could not start in time as 503 busy with Retry-After, not 500", async () => {
    const response = errorResponse(Object.assign(new Error("Unable to start a transaction in the given time"), { code: "P2028" }), "test");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect((await response.json()).error.code).toBe("busy");
  });

  it("answers a deadlock victim as busy and a unique violation as a conflict", async () => {
    expect(errorResponse(Object.assign(new Error("deadlock detected"), { code: "40P01" }), "test").status).toBe(503);
    const duplicate = errorResponse(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }), "test");
    expect(duplicate.status).toBe(409);
    expect((await duplicate.json()).error.code).toBe("conflict");
  });

  it("still answers anything else as an internal error", () => {
    expect(errorResponse(new Error("boom"), "test").status).toBe(500);
  });
});
