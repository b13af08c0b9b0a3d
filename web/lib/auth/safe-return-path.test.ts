import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path.ts";

describe("the page to return to after signing in", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeReturnPath("/persons?q=1234")).toBe("/persons?q=1234");
  });

  it("refuses anything that would leave the site, falling back to the dashboard", () => {
    for (const value of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", null, undefined]) {
      expect(safeReturnPath(value)).toBe("/");
    }
  });
});
