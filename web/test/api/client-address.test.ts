import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";

/**
 * Issue 8: X-Forwarded-For counts only from the configured proxies (TRUSTED_PROXIES=10.0.0.0/8 in
 * vitest.config.ts). The last hop is the socket's peer, which the portal's server appends.
 */
describe("the client address behind X-Forwarded-For", () => {
  let db: Database;
  beforeAll(async () => {
    db = await useSeededDatabase();
  });
  afterAll(() => closeDatabase());

  const tryLogin = (username: string, password: string, forwardedFor: string) =>
    new ApiClient().call("login", { body: { username, password }, headers: { "x-forwarded-for": forwardedFor } });

  it("keeps limiting a direct client that sends a different X-Forwarded-For each time", async () => {
    for (let i = 0; i < 5; i++) expect((await tryLogin("mc.officer", `wrong-${i}`, `1.2.3.${i}, 203.0.113.50`)).status).toBe(401);
    expect((await tryLogin("mc.officer", "Sunshine#2026", "9.9.9.9, 203.0.113.50")).status).toBe(429);
    expect((await tryLogin("mc.officer", "Sunshine#2026", "203.0.113.51")).status).toBe(200);
  });

  it("takes the hop left of the trusted proxies, and ignores what the client wrote before it", async () => {
    for (let i = 0; i < 5; i++) expect((await tryLogin("gc.officer", `wrong-${i}`, `7.7.7.${i}, 198.51.100.20, 10.0.0.2, 10.0.0.1`)).status).toBe(401);
    expect((await tryLogin("gc.officer", "Sunshine#2026", "8.8.8.8, 198.51.100.20, 10.0.0.3")).status).toBe(429);
  });

  it("stores the real address in the session and the audit trail, never a spoofed one", async () => {
    expect((await tryLogin("xz.officer", "Sunshine#2026", "6.6.6.6, 203.0.113.77")).status).toBe(200);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.login" }, orderBy: { seq: "desc" } });
    expect(JSON.stringify(event.data)).toContain("203.0.113.77");
    expect(JSON.stringify(event.data)).not.toContain("6.6.6.6");
    const session = await db.prisma.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(session.ip).toBe("203.0.113.77");
  });

  it("refuses X-Forwarded-Proto and -Host from anyone but a trusted proxy", async () => {
    const direct = await new ApiClient().call("login", {
      body: { username: "gm.officer", password: "Sunshine#2026" },
      headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" },
    });
    expect(direct.headers.getSetCookie().some((c) => /;\s*Secure/i.test(c))).toBe(false);
  });
});
