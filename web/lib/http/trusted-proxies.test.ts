import { describe, expect, it } from "vitest";
import { parseTrustedProxies, proxyMatcher } from "./trusted-proxies.ts";

describe("trusted proxies", () => {
  it("matches IPv4 and IPv6 addresses and CIDRs, and IPv4-mapped peers", () => {
    const isProxy = proxyMatcher(parseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8"));
    expect(isProxy("10.1.2.3")).toBe(true);
    expect(isProxy("::ffff:10.1.2.3")).toBe(true);
    expect(isProxy("192.168.1.5")).toBe(true);
    expect(isProxy("192.168.1.6")).toBe(false);
    expect(isProxy("fd12::1")).toBe(true);
    expect(isProxy("2001:db8::1")).toBe(false);
    expect(isProxy("not-an-ip")).toBe(false);
  });

  it("trusts nobody by default and refuses entries that are not addresses", () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(proxyMatcher([])("127.0.0.1")).toBe(false);
    for (const bad of ["10.0.0.0/33", "example.com", "10.0.0.0/x", "::1/129"]) expect(() => parseTrustedProxies(bad)).toThrow(/TRUSTED_PROXIES/);
  });
});
