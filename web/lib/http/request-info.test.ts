import { describe, expect, it } from "vitest";
import { isHttps, requestHost } from "./request-info.ts";

// vitest.config.ts trusts 10.0.0.0/8 as the reverse proxy.
describe("forwarded scheme and host", () => {
  it("count from a trusted proxy", () => {
    const request = new Request("http://portal.internal/api", {
      headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.2", "x-forwarded-proto": "https", "x-forwarded-host": "portal.example", host: "portal.internal" },
    });
    expect(isHttps(request)).toBe(true);
    expect(requestHost(request)).toBe("portal.example");
  });

  it("do not count from anyone else, even when Next has already turned the URL's scheme into https", () => {
    // Next derives request.url's scheme from X-Forwarded-Proto, whoever sent it.
    const request = new Request("https://portal.internal/api", {
      headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", host: "portal.internal" },
    });
    expect(isHttps(request)).toBe(false);
    expect(requestHost(request)).toBe("portal.internal");
  });
});
