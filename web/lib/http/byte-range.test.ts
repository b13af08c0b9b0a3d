import { describe, expect, it } from "vitest";
import { parseByteRange } from "./byte-range";

describe("parseByteRange", () => {
  it("serves the whole file without a header or with a malformed one", () => {
    expect(parseByteRange(null, 100)).toBeNull();
    expect(parseByteRange("bytes=-", 100)).toBeNull();
    expect(parseByteRange("items=0-5", 100)).toBeNull();
    expect(parseByteRange("bytes=0-5,10-20", 100)).toBeNull();
    expect(parseByteRange("bytes=9-3", 100)).toBeNull();
  });

  it("reads open, closed and suffix ranges, clamped to the file", () => {
    expect(parseByteRange("bytes=0-", 100)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange("bytes=10-19", 100)).toEqual({ start: 10, end: 19 });
    expect(parseByteRange("bytes=90-500", 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange("bytes=-30", 100)).toEqual({ start: 70, end: 99 });
    expect(parseByteRange("bytes=-300", 100)).toEqual({ start: 0, end: 99 });
  });

  it("says unsatisfiable for a range past the end", () => {
    expect(parseByteRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=-0", 100)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=99999999999999999999-", 100)).toBe("unsatisfiable");
  });
});
