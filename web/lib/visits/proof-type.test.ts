import { describe, expect, it } from "vitest";
import { sniffProofType } from "./proof-type.ts";

describe("the proof's type, from its bytes", () => {
  it("recognises JPEG, PNG, WebP and PDF", () => {
    expect(sniffProofType(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0]))).toBe("image/jpeg");
    expect(sniffProofType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffProofType(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffProofType(Buffer.from("%PDF-1.4\n"))).toBe("application/pdf");
  });

  it("refuses anything else, whatever it would be called", () => {
    for (const bytes of ["MZ\x90\0", "<svg xmlns=", "GIF89a", "PK\x03\x04", "RIFF\0\0\0\0WAVE", "%PDF", ""]) {
      expect(sniffProofType(Buffer.from(bytes, "latin1"))).toBeNull();
    }
  });
});
