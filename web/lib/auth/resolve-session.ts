import { getDb } from "../db/client.ts";
import type { Actor } from "./actor.ts";
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
  const { user } = session;
  return {
    sessionId,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unitId: user.unitId,
      unitName: user.unit.name,
      unitLevel: user.unit.level,
      unitPath: user.unit.path,
    },
  };
}
