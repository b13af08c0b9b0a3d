import { getDb } from "../db/client.ts";
import { toActor, type Actor } from "./actor.ts";
import { sessionIdFromToken } from "./session-token.ts";

export interface ResolvedSession {
  readonly sessionId: string;
  readonly actor: Actor;
}

/** The live session behind a cookie token, or null when it is unknown, expired or its user inactive. */
export async function resolveSession(token: string | undefined): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const sessionId = sessionIdFromToken(token);
  const db = await getDb();
  const session = await db.session.findUnique({
    where: { id: sessionId },
    include: { user: { include: { unit: true } } },
  });
  if (!session) return null;
  if (session.expiresAt <= new Date() || !session.user.active) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  return { sessionId, actor: toActor(session.user) };
}
