import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { InvalidCredentialsError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { auditActor, toActor } from "./actor.ts";
import { reserveLoginAttempt } from "./reserve-login-attempt.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";
import { newSessionToken, sessionIdFromToken } from "./session-token.ts";

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: Date;
  actor: Actor;
}

export async function login(input: LoginInput): Promise<LoginResult> {
  const { login: limits, sessionTtlMs } = config();
  const db = await getDb();
  const key = `${input.username.toLowerCase()}|${input.ip}`;
  await reserveLoginAttempt(key, limits);

  const user = await db.user.findUnique({ where: { username: input.username }, include: { unit: true } });
  const valid = user?.active ? await verifyPassword(user.passwordHash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!user || !valid) {
    // The booking made above is this failure's row.
    await db.loginFailure.deleteMany({ where: { at: { lt: new Date(Date.now() - 24 * 3600_000) } } });
    throw new InvalidCredentialsError();
  }

  const token = newSessionToken();
  const sessionId = sessionIdFromToken(token);
  const expiresAt = new Date(Date.now() + sessionTtlMs);
  const actor = toActor(user);
  await db.$transaction(async (tx) => {
    // The password was checked against the hash read before argon2 ran. A change or deactivation
    // committed since then ended the user's sessions already; this session must not outlive it.
    const { count } = await tx.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash, active: true }, data: { lastLoginAt: new Date() } });
    if (count === 0) throw new InvalidCredentialsError();
    await tx.loginFailure.deleteMany({ where: { key } });
    await tx.session.create({ data: { id: sessionId, userId: user.id, expiresAt, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "auth.login",
      targetType: "User",
      targetId: user.id,
      unitPath: user.unit.path,
      data: { ip: input.ip },
    });
  });
  return { token, sessionId, expiresAt, actor };
}
