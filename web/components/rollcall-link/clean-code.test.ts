import { describe, expect, it } from "vitest";
import { cleanCode, isCompleteCode } from "./clean-code";

describe("the ID last-4 code box", () => {
  it("keeps digits and an X in the last place only", () => {
    expect(cleanCode("12x4")).toBe("124");
    expect(cleanCode("123x")).toBe("123X");
    expect(cleanCode(" 9 8-7 6 5")).toBe("9876");
    expect(cleanCode("X123")).toBe("123");
  });

  it("is complete with 3 digits and a digit or X", () => {
    expect(isCompleteCode("123X")).toBe(true);
    expect(isCompleteCode("0420")).toBe(true);
    expect(isCompleteCode("12X")).toBe(false);
    expect(isCompleteCode("123")).toBe(false);
  });
});
