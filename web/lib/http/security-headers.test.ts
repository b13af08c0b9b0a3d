import { describe, expect, it } from "vitest";
import { commonSecurityHeaders, isCallPage, mediaOrigins, pageContentSecurityPolicy, permissionsPolicy } from "./security-headers.ts";

describe("security headers", () => {
  it("allows camera and microphone only on the call pages", () => {
    for (const path of ["/rooms/abc/call", "/join/abcdefabcdefabcdef", "/r/token.value", "/rollcalls/abc/console", "/v/token.value", "/visits/abc/terminal", "/visits/abc/center", "/visits/abc/monitor"]) {
      expect(isCallPage(path), path).toBe(true);
      expect(permissionsPolicy(path)).toContain("camera=(self), microphone=(self)");
    }
    for (const path of ["/", "/rooms/abc", "/rollcalls/abc", "/persons/abc", "/login", "/rooms/abc/call/x", "/visits/abc", "/visits/abc/other", "/visit/apply"]) {
      expect(isCallPage(path), path).toBe(false);
      expect(permissionsPolicy(path)).toContain("camera=(), microphone=()");
    }
    expect(permissionsPolicy("/r/x")).toContain("geolocation=()");
  });

  it("gives the camera to face enrolment and self check-in, and the position to the self check-in page only", () => {
    for (const path of ["/persons/abc/face", "/c/person.token"]) expect(isCallPage(path), path).toBe(true);
    expect(permissionsPolicy("/c/person.token")).toContain("geolocation=(self)");
    for (const path of ["/persons/abc/face", "/persons/abc", "/r/x", "/c/x/y", "/"]) expect(permissionsPolicy(path), path).toContain("geolocation=()");
  });

  it("names the media node's origins for fetch and WebSocket, and scripts only by nonce", () => {
    expect(mediaOrigins("https://media.example:8443/path")).toEqual(["https://media.example:8443", "wss://media.example:8443"]);
    const csp = pageContentSecurityPolicy({ nonce: "abc", mediaPublicUrl: "http://localhost:4443", dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(csp).toContain("connect-src 'self' http://localhost:4443 ws://localhost:4443");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("media-src 'self' blob: mediastream:");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("lets pages connect to every media node of the network, each origin once", () => {
    const csp = pageContentSecurityPolicy({
      nonce: "abc",
      mediaPublicUrl: "http://10.98.1.2:4450",
      mediaNodeUrls: ["http://10.98.1.2:4450", "http://10.98.5.2:4450", "https://hc.example"],
      dev: false,
    });
    expect(csp).toContain("connect-src 'self' http://10.98.1.2:4450 ws://10.98.1.2:4450 http://10.98.5.2:4450 ws://10.98.5.2:4450 https://hc.example wss://hc.example;");
  });

  it("lets images come from the configured basemap tile server alone, and from nowhere else by default", () => {
    const imgSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("img-src"));
    expect(imgSrc(pageContentSecurityPolicy({ nonce: "abc", mediaPublicUrl: "http://localhost:4443", dev: false }))).toBe("img-src 'self' data: blob:");
    const csp = pageContentSecurityPolicy({ nonce: "abc", mediaPublicUrl: "http://localhost:4443", tileOrigin: "https://map.sfj.example.gov.cn:8443", dev: false });
    expect(imgSrc(csp)).toBe("img-src 'self' data: blob: https://map.sfj.example.gov.cn:8443");
    expect(csp.match(/map\.sfj/g)).toHaveLength(1);
  });

  it("sends HSTS only when the request came over HTTPS", () => {
    expect(commonSecurityHeaders(true)["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(commonSecurityHeaders(false)).not.toHaveProperty("Strict-Transport-Security");
    expect(commonSecurityHeaders(false)).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" });
  });
});
