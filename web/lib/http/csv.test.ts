import { describe, expect, it } from "vitest";
import { csvCell, csvRows } from "./csv.ts";

describe("a CSV cell", () => {
  it("neutralises values a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
  });

  it("leaves ordinary text alone and quotes separators", () => {
    expect(csvCell("张三")).toBe("张三");
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell("")).toBe("");
    expect(csvRows([["a", "=b"], ["c", "d"]])).toBe(`a,"'=b"\r\nc,d\r\n`);
  });
});
