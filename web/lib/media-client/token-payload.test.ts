import { describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import { signTestJoinToken } from "../../../server/test/support/test-join-token.ts";
import { publishingRoomKindOf } from "./token-payload.ts";

const { privateKey } = ed25519PemKeyPair();

// What the page reads from its own token before the node answers the join: the camera's
// encodings follow the room's kind (a visit: one encoding; everything else: simulcast).
describe("publishingRoomKindOf", () => {
  it("reads the room's kind from a token that may publish, a meeting when the token names none", async () => {
    expect(publishingRoomKindOf(await signTestJoinToken(privateKey, { sub: "p", kind: "visit" }))).toBe("visit");
    expect(publishingRoomKindOf(await signTestJoinToken(privateKey, { sub: "p", kind: "rollcall" }))).toBe("rollcall");
    expect(publishingRoomKindOf(await signTestJoinToken(privateKey, { sub: "p" }))).toBe("meeting");
  });

  it("says nothing for an observer, a token that may not publish, or something that is not a token", async () => {
    const grants = { publish: true, subscribe: true, observe: true, moderate: false };
    expect(publishingRoomKindOf(await signTestJoinToken(privateKey, { sub: "p", kind: "visit", grants }))).toBeUndefined();
    expect(publishingRoomKindOf(await signTestJoinToken(privateKey, { sub: "p", grants: { ...grants, observe: false, publish: false } }))).toBeUndefined();
    for (const garbage of ["", "x", "a.b.c", "a.%%%.c", `a.${btoa("[1,2]")}.c`, `a.${btoa('{"kind":"visit"}')}.c`]) {
      expect(publishingRoomKindOf(garbage)).toBeUndefined();
    }
  });
});
