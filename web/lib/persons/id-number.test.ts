import { describe, expect, it } from "vitest";
import { idNumberCheckChar, isValidIdNumber, maskIdNumber } from "./id-number.ts";
import { hashIdNumber } from "./id-number-hash.ts";

describe("resident ID numbers", () => {
  it("accepts a number whose check character matches (GB 11643), including X", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("11010519491231002x")).toBe(true);
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
  });

  it("refuses a wrong check character, a wrong length, letters and an impossible date", () => {
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber("11010519491231002")).toBe(false);
    expect(isValidIdNumber("1101051949123100AX")).toBe(false);
    const first17 = "44060819901301123";
    expect(isValidIdNumber(first17 + idNumberCheckChar(first17))).toBe(false);
  });

  it("masks all but the first and last four characters", () => {
    expect(maskIdNumber("440104199001011234")).toBe("4401**********1234");
  });

  it("hashes with a key, case-insensitively, so equal numbers match and other keys do not", () => {
    expect(hashIdNumber("k1", "11010519491231002x")).toBe(hashIdNumber("k1", "11010519491231002X"));
    expect(hashIdNumber("k1", "11010519491231002X")).not.toBe(hashIdNumber("k2", "11010519491231002X"));
  });
});
