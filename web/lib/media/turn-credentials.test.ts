import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import { loadConfig } from "../config.ts";
import { iceServersOf } from "../media-client/token-payload.ts";
import { signJoinToken } from "./sign-join-token.ts";
import { turnCredentials } from "./turn-credentials.ts";

const { privateKey } = ed25519PemKeyPair();
const turn = { secret: "turn-secret-0123456789", urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"] };
const claims = {
  room: "room-1",
  sub: "person:abc",
  name: "张三",
  role: "participant" as const,
  grants: { publish: true, subscribe: true, observe: false, moderate: false },
};

describe("TURN credentials", () => {
  it("follow coturn's shared-secret scheme: <expiry>:<who>, base64 HMAC-SHA1 under the secret", () => {
    const server = turnCredentials(turn, "person:abc", 1_900_000_000);
    expect(server.username).toBe("1900000000:person_abc");
    expect(server.credential).toBe(createHmac("sha1", turn.secret).update("1900000000:person_abc").digest("base64"));
    expect(server.urls).toEqual(turn.urls);
  });

  it("ride in the join token and expire with it; the page reads them back as its ICE servers", async () => {
    const notAfter = new Date(Date.now() + 20 * 60_000);
    const token = await signJoinToken(privateKey, { ...claims, notAfter, turn });
    const [server, ...more] = iceServersOf(token);
    expect(more).toEqual([]);
    expect(server!.urls).toEqual(turn.urls);
    expect(Number(server!.username.split(":")[0])).toBe(Math.floor(notAfter.getTime() / 1000));
    expect(server!.credential).toBe(createHmac("sha1", turn.secret).update(server!.username).digest("base64"));
  });

  it("are absent without a relay, and a malformed token gives no servers instead of an error", async () => {
    expect(iceServersOf(await signJoinToken(privateKey, claims))).toEqual([]);
    expect(iceServersOf("not-a-token")).toEqual([]);
    expect(iceServersOf("a.%%%.c")).toEqual([]);
  });

  it("are configured by TURN_SECRET and TURN_URLS together, with turn:/turns: URLs only", () => {
    const base = {
      APP_SECRET: "a".repeat(32),
      ID_HASH_KEY: "b".repeat(32),
      PORTAL_INTERNAL_SECRET: "c".repeat(32),
      JOIN_TOKEN_PRIVATE_KEY: privateKey,
    };
    expect(loadConfig(base).turn).toBeNull();
    expect(loadConfig({ ...base, TURN_SECRET: "", TURN_URLS: "" }).turn).toBeNull();
    expect(loadConfig({ ...base, TURN_SECRET: turn.secret, TURN_URLS: turn.urls.join(", ") }).turn).toEqual(turn);
    expect(() => loadConfig({ ...base, TURN_SECRET: turn.secret })).toThrow(/TURN_SECRET and TURN_URLS go together/);
    expect(() => loadConfig({ ...base, TURN_SECRET: "short", TURN_URLS: turn.urls[0] })).toThrow(/TURN_SECRET must be at least 16/);
    expect(() => loadConfig({ ...base, TURN_SECRET: turn.secret, TURN_URLS: "http://turn.example.org" })).toThrow(/TURN_URLS/);
  });
});
