import { beforeEach, describe, expect, it } from "vitest";
import { loadGrant, saveGrant, type JoinGrant } from "./join-grant.ts";

// A tab's sessionStorage, as the browser gives it.
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const tokenExpiringIn = (seconds: number) => {
  const payload = Buffer.from(JSON.stringify({ sub: "guest:x", exp: Math.floor(Date.now() / 1000) + seconds })).toString("base64url");
  return `eyJhbGciOiJFZERTQSJ9.${payload}.signature`;
};
const grant = (token: string): JoinGrant => ({
  token,
  mediaUrl: "http://media.test:4443",
  identity: "guest:x",
  name: "李家属",
  moderator: false,
  room: { id: "r1", title: "会见", kind: "meeting" },
});
const target = { kind: "code", code: "abcdefghijklmnop" } as const;
const devices = { audioId: "mic-1", videoId: null };

describe("the tab's join grant", () => {
  beforeEach(() => {
    (globalThis as { sessionStorage?: unknown }).sessionStorage = new MemoryStorage();
  });

  it("brings a reload back with the same identity while the token is valid", () => {
    const saved = grant(tokenExpiringIn(3600));
    saveGrant(target, saved, devices);
    expect(loadGrant(target)).toEqual({ grant: saved, devices });
    expect(loadGrant({ kind: "room", roomId: "r1" })).toBeNull();
  });

  it("forgets a token that has expired (or is about to), so the join screen asks again", () => {
    saveGrant(target, grant(tokenExpiringIn(5)), devices);
    expect(loadGrant(target)).toBeNull();
    expect(sessionStorage.getItem("ygav.call.code:abcdefghijklmnop")).toBeNull();
  });

  it("ignores what it cannot read", () => {
    sessionStorage.setItem("ygav.call.code:abcdefghijklmnop", "{not json");
    expect(loadGrant(target)).toBeNull();
    saveGrant(target, grant("not-a-jwt"), devices);
    expect(loadGrant(target)).toBeNull();
  });
});
