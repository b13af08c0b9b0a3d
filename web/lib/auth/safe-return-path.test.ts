import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path.ts";

describe("the page to return to after signing in", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeReturnPath("/persons?q=1234")).toBe("/persons?q=1234");
    expect(safeReturnPath("/rollcalls/abc/console#top")).toBe("/rollcalls/abc/console#top");
  });

  it("refuses anything that would leave the site, falling back to the dashboard", () => {
    for (const value of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", null, undefined]) {
      expect(safeReturnPath(value)).toBe("/");
    }
  });

  it("refuses control characters and backslashes that browsers strip or rewrite into //host", () => {
    for (const value of ["/\t/evil.example/", "/\n/evil.example/", "/\r/evil.example", "/%09/evil.example/".replace("%09", "\t"), "/a\\..\\/evil", "/\u0000x", "/\u007f/evil.example"]) {
      expect(safeReturnPath(value), JSON.stringify(value)).toBe("/");
    }
  });

  it("refuses a path that resolves to a protocol-relative one", () => {
    expect(safeReturnPath("/./ /evil.example".replace(" ", "/"))).toBe("/");
    expect(safeReturnPath("/%2F/evil.example")).toBe("/%2F/evil.example");
  });
});
