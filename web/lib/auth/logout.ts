import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { auditActor } from "./actor.ts";
import type { ResolvedSession } from "./resolve-session.ts";

export async function logout(session: ResolvedSession): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: session.sessionId } });
    if (count === 0) return;
    await appendAuditEvent(tx, auditActor(session.actor), {
      action: "auth.logout",
      targetType: "User",
      targetId: session.actor.userId,
      unitPath: session.actor.unitPath,
    });
  });
}
