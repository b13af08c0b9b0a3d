/** What the portal's join-grant endpoints answer (the shape of lib/client's ApiResult). */
type GrantAnswer = { ok: true; data: { token: string } } | { ok: false; error: { message: string } };

/**
 * A CallSession `refreshToken` from the portal call that issued the first token: the same
 * endpoint (and so the same identity and room) hands out a fresh one; a refusal there ends the
 * call as the node's refusal would have.
 */
export function tokenProvider(fetchGrant: () => Promise<GrantAnswer>): () => Promise<string> {
  return async () => {
    const answer = await fetchGrant();
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data.token;
  };
}
