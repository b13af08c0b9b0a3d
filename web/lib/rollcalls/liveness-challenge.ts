import { randomInt } from "node:crypto";

export type Challenge = { kind: "digits"; value: string } | { kind: "head"; value: "left" | "right" | "nod" };

const HEAD_MOVES = ["left", "right", "nod"] as const;

/**
 * Picked by the server at the moment of the call, from a CSPRNG, so it cannot be prepared: four
 * digits to read aloud, or a head movement. A replayed or relayed video cannot answer it.
 */
export function pickChallenge(): Challenge {
  if (randomInt(2) === 0) return { kind: "digits", value: String(randomInt(10_000)).padStart(4, "0") };
  return { kind: "head", value: HEAD_MOVES[randomInt(HEAD_MOVES.length)]! };
}
