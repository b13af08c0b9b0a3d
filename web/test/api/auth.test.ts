import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest } from "../support/fixtures.ts";

describe("staff sign-in, sessions and CSRF", () => {
  let db: Database;
  beforeAll(async () => {
    db = await useSeededDatabase();
  });
  afterAll(() => closeDatabase());

  it("signs in with the right password and sets an HttpOnly session cookie and a CSRF cookie", async () => {
    const api = new ApiClient();
    const result = await api.call("login", { body: { username: "gm.officer", password: "Sunshine#2026" } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ username: "gm.officer", role: "officer", unitName: "高明区司法局" });
    const cookies = result.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("ygav_session="))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith("ygav_session="))).toMatch(/SameSite=lax/i);
    expect(cookies.find((c) => c.startsWith("ygav_csrf="))).not.toMatch(/HttpOnly/i);
  });

  it("marks the cookies Secure behind HTTPS", async () => {
    const result = await new ApiClient().call("login", {
      body: { username: "gm.officer", password: "Sunshine#2026" },
      // From the configured reverse proxy (TRUSTED_PROXIES in vitest.config.ts).
      headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.1, 10.0.0.2" },
    });
    expect(result.headers.getSetCookie().every((c) => /;\s*Secure/i.test(c))).toBe(true);
  });

  it("gives one generic error for an unknown user and for a wrong password", async () => {
    const unknown = await new ApiClient().call("login", { body: { username: "nobody.here", password: "whatever-123" } });
    const wrong = await new ApiClient().call("login", { body: { username: "gm.admin", password: "wrong-password" } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe("invalid_credentials");
  });

  it("answers 429 with Retry-After after 5 failures for one account and address, even with the right password", async () => {
    const headers = { "x-forwarded-for": "203.0.113.7" };
    for (let i = 0; i < 5; i++) {
      const result = await new ApiClient().call("login", { body: { username: "yh.officer", password: `wrong-${i}` }, headers });
      expect(result.status).toBe(401);
    }
    const blocked = await new ApiClient().call("login", { body: { username: "yh.officer", password: "Sunshine#2026" }, headers });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // Another address is not blocked by someone else's failures.
    const elsewhere = await new ApiClient().call("login", {
      body: { username: "yh.officer", password: "Sunshine#2026" },
      headers: { "x-forwarded-for": "198.51.100.9" },
    });
    expect(elsewhere.status).toBe(200);
  });

  it("refuses API calls without a session (401) and after the session expired", async () => {
    expect((await new ApiClient().call("listPersons")).status).toBe(401);
    const api = await ApiClient.signIn("gm.officer");
    expect((await api.call("me")).status).toBe(200);
    const prisma = await getDb();
    await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await api.call("listPersons");
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });

  it("ends the session on logout", async () => {
    const api = await ApiClient.signIn("gm.officer");
    expect((await api.call("logout")).status).toBe(200);
    expect((await api.call("me")).status).toBe(401);
  });

  it("refuses a write without the CSRF header, with another session's token, or from another origin", async () => {
    const api = await ApiClient.signIn("gm.admin");
    const other = await ApiClient.signIn("gm.officer");
    const body = { name: "新司法所" };
    const before = await dataDigest(db);
    const id = (await api.call("unitTree")).body.children[0].id;
    for (const headers of <Record<string, string>[]>[
      { "x-csrf-token": "" },
      { "x-csrf-token": other.csrfToken },
      { origin: "http://evil.test" },
      { "sec-fetch-site": "cross-site" },
    ]) {
      const result = await api.call("updateUnit", { params: { id }, body, headers });
      expect(result.status, JSON.stringify(headers)).toBe(403);
      expect(result.body.error.code).toBe("csrf_failed");
    }
    expect(await dataDigest(db)).toBe(before);
  });
});
