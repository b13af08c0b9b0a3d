import type { IncomingMessage } from "node:http";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMediaConfig } from "../src/config.ts";
import { proxyMatcher } from "../src/net/trusted-proxies.ts";
import { clientAddress } from "../src/signaling/client-address.ts";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens signaling as nginx would forward it: X-Forwarded-For as given, from 127.0.0.1. */
async function connect(fixture: NodeFixture, sub: string, forwardedFor?: string): Promise<{ socket: Socket; outcome: "connected" | "refused" }> {
  const token = await fixture.token({ sub, room: "forwarded" });
  const socket = io(fixture.url, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...(forwardedFor ? { extraHeaders: { "x-forwarded-for": forwardedFor } } : {}),
  });
  const outcome = await new Promise<"connected" | "refused">((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", () => resolve("refused"));
  });
  return { socket, outcome };
}

describe("signaling's per-address limit behind a reverse proxy (TRUSTED_PROXIES)", () => {
  const logLines: string[] = [];
  let behindProxy: NodeFixture;
  let direct: NodeFixture;
  beforeAll(async () => {
    // The test's loopback client plays nginx for the first node, and an untrusted client for the second.
    behindProxy = await startMediaNode(
      { MEDIA_RTC_MIN_PORT: "41900", MEDIA_RTC_MAX_PORT: "41949", MEDIA_MAX_CONNECTIONS_PER_ADDRESS: "2", TRUSTED_PROXIES: "127.0.0.1" },
      { logLines },
    );
    direct = await startMediaNode({ MEDIA_RTC_MIN_PORT: "41950", MEDIA_RTC_MAX_PORT: "41999", MEDIA_MAX_CONNECTIONS_PER_ADDRESS: "2" });
  });
  afterAll(async () => {
    await behindProxy?.stop();
    await direct?.stop();
  });

  it("counts each client nginx forwards on its own, and a client cannot escape its count by prepending addresses", async () => {
    const opened: Socket[] = [];
    try {
      for (const sub of ["a1", "a2"]) {
        const { socket, outcome } = await connect(behindProxy, sub, "198.51.100.7");
        opened.push(socket);
        expect(outcome).toBe("connected");
      }
      // nginx appends the peer it saw to whatever the client sent: "<forged>, <real>".
      const forged = await connect(behindProxy, "a3", "203.0.113.99, 198.51.100.7");
      opened.push(forged.socket);
      expect(forged.outcome).toBe("refused");
      expect(logLines.some((line) => line.includes("too many connections") && line.includes("198.51.100.7"))).toBe(true);
      // Another client behind the same proxy still gets in: the proxy's own address is not the limit.
      const other = await connect(behindProxy, "b1", "198.51.100.8");
      opened.push(other.socket);
      expect(other.outcome).toBe("connected");
      // A place freed by a closing connection is that client's again.
      opened[0]!.close();
      await sleep(300);
      const again = await connect(behindProxy, "a4", "198.51.100.7");
      opened.push(again.socket);
      expect(again.outcome).toBe("connected");
    } finally {
      for (const socket of opened) socket.close();
    }
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    const opened: Socket[] = [];
    try {
      const outcomes: string[] = [];
      for (const [i, claimed] of ["198.51.100.1", "198.51.100.2", "198.51.100.3"].entries()) {
        const { socket, outcome } = await connect(direct, `d${i}`, claimed);
        opened.push(socket);
        outcomes.push(outcome);
      }
      // All three come from 127.0.0.1, whatever they claim: the third is over the limit of 2.
      expect(outcomes).toEqual(["connected", "connected", "refused"]);
    } finally {
      for (const socket of opened) socket.close();
    }
  });
});

describe("clientAddress", () => {
  const request = (peer: string | undefined, forwardedFor?: string | string[]) =>
    ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }) as unknown as IncomingMessage;
  const proxies = proxyMatcher(["10.0.0.0/8", "::1"]);

  it("is the socket's peer when no proxy is trusted or the peer is not one", () => {
    expect(clientAddress(request("::ffff:192.0.2.1", "198.51.100.7"), proxyMatcher([]))).toBe("192.0.2.1");
    expect(clientAddress(request("192.0.2.1", "198.51.100.7"), proxies)).toBe("192.0.2.1");
    expect(clientAddress(request(undefined), proxies)).toBe("unknown");
  });

  it("walks X-Forwarded-For from the right past our proxies only", () => {
    expect(clientAddress(request("::ffff:10.0.0.2", "198.51.100.7"), proxies)).toBe("198.51.100.7");
    // Two of our proxies in a row (an outer balancer, then nginx).
    expect(clientAddress(request("10.0.0.2", "203.0.113.1, 198.51.100.7, 10.9.9.9"), proxies)).toBe("198.51.100.7");
    // Repeated headers are one list.
    expect(clientAddress(request("::1", ["203.0.113.1", "198.51.100.7"]), proxies)).toBe("198.51.100.7");
    // A hop that is not an address stops the walk at the last real one.
    expect(clientAddress(request("10.0.0.2", "198.51.100.7, garbage"), proxies)).toBe("10.0.0.2");
    // Only our proxies in the list: the leftmost one.
    expect(clientAddress(request("10.0.0.2", "10.0.0.3"), proxies)).toBe("10.0.0.3");
    // A proxy that forwarded nothing: the proxy itself.
    expect(clientAddress(request("10.0.0.2", ""), proxies)).toBe("10.0.0.2");
  });
});

describe("TRUSTED_PROXIES in the media node's configuration", () => {
  const base = { JOIN_TOKEN_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----" };
  it("trusts nobody by default, reads IPs and CIDRs, and refuses anything else at start", () => {
    expect(loadMediaConfig(base).trustedProxies).toEqual([]);
    expect(loadMediaConfig({ ...base, TRUSTED_PROXIES: "172.28.0.10, fd00::/8" }).trustedProxies).toEqual(["172.28.0.10", "fd00::/8"]);
    expect(() => loadMediaConfig({ ...base, TRUSTED_PROXIES: "nginx" })).toThrow(/Invalid media node configuration:[\s\S]*TRUSTED_PROXIES: "nginx"/);
  });
});
