import { createHmac } from "node:crypto";
import { normalizeIdNumber } from "./id-number.ts";

/** Keyed, so that the 10^10-ish space of plausible ID numbers cannot be brute-forced offline. */
export function hashIdNumber(key: string, raw: string): string {
  return createHmac("sha256", key).update(normalizeIdNumber(raw)).digest("hex");
}
