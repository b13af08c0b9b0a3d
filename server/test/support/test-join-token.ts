import { signJoinToken, type JoinTokenInput } from "../../../web/lib/media/sign-join-token.ts";

/** A join token as the tests' portal signs it: a participant of "room-1" who may publish and subscribe, unless `input` says otherwise. */
export function signTestJoinToken(privateKey: string, input: Partial<JoinTokenInput> & { sub: string }): Promise<string> {
  return signJoinToken(privateKey, {
    room: "room-1",
    name: input.sub,
    role: "participant",
    grants: { publish: true, subscribe: true, observe: false, moderate: false },
    ...input,
  });
}
