import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { InvalidCredentialsError, RateLimitedError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { auditActor, toActor } from "./actor.ts";
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
  const windowStart = new Date(Date.now() - limits.windowMs);
  const failures = await db.loginFailure.findMany({
    where: { key, at: { gt: windowStart } },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  if (failures.length >= limits.maxFailures) {
    const retryAt = failures[failures.length - limits.maxFailures]!.at.getTime() + limits.windowMs;
    throw new RateLimitedError("Too many failed logins; wait and try again", Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)));
  }

  const user = await db.user.findUnique({ where: { username: input.username }, include: { unit: true } });
  const valid = user?.active ? await verifyPassword(user.passwordHash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!user || !valid) {
    await db.loginFailure.create({ data: { key } });
    await db.loginFailure.deleteMany({ where: { at: { lt: new Date(Date.now() - 24 * 3600_000) } } });
    throw new InvalidCredentialsError();
  }

  const token = newSessionToken();
  const sessionId = sessionIdFromToken(token);
  const expiresAt = new Date(Date.now() + sessionTtlMs);
  const actor = toActor(user);
  await db.$transaction(async (tx) => {
    await tx.loginFailure.deleteMany({ where: { key } });
    await tx.session.create({ data: { id: sessionId, userId: user.id, expiresAt, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) } });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
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
