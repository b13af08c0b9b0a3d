import { randomInt } from "node:crypto";

// Crockford's alphabet without I, L, O, U: nothing to misread when a family copies it by hand.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 10 random characters (50 bits): guessing one is hopeless, and the status page also asks for the ID's last 4. */
export function newApplicationCode(): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
