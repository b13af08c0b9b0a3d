import { describe, expect, it } from "vitest";
import { loadConfig, parseDatabaseUrl } from "./config.ts";

const secrets = {
  APP_SECRET: "a".repeat(32),
  ID_HASH_KEY: "b".repeat(32),
  PORTAL_INTERNAL_SECRET: "c".repeat(32),
  JOIN_TOKEN_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
};

describe("configuration", () => {
  it("defaults to the embedded database under ./data, resolved from the repository root", () => {
    const config = loadConfig({ ...secrets, YANGGUANG_ROOT: "/srv/app" });
    expect(config.database).toEqual({ kind: "pglite", dataDir: "/srv/app/data/pglite" });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("switches to a PostgreSQL server by DATABASE_URL", () => {
    expect(loadConfig({ ...secrets, DATABASE_URL: "postgresql://u:p@db:5432/x" }).database).toEqual({
      kind: "postgres",
      url: "postgresql://u:p@db:5432/x",
    });
  });

  it("refuses an empty DATABASE_URL instead of silently using the current folder", () => {
    expect(() => loadConfig({ ...secrets, DATABASE_URL: "  " })).toThrow(/DATABASE_URL is empty/);
    expect(() => parseDatabaseUrl("pglite:")).toThrow(/needs a folder/);
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/must start with pglite: or postgresql/);
  });

  it("names missing or short secrets", () => {
    expect(() => loadConfig({})).toThrow(/APP_SECRET is not set[\s\S]*ID_HASH_KEY is not set[\s\S]*JOIN_TOKEN_PRIVATE_KEY is not set/);
    expect(() => loadConfig({ ...secrets, APP_SECRET: "short" })).toThrow(/APP_SECRET must be at least 32 characters/);
  });

  it("has no basemap unless MAP_TILE_URL names a tile server, and then needs its attribution", () => {
    expect(loadConfig({ ...secrets }).basemap).toBeNull();
    expect(loadConfig({ ...secrets, MAP_TILE_URL: "", MAP_TILE_MAX_ZOOM: "" }).basemap).toBeNull();
    expect(loadConfig({ ...secrets, MAP_TILE_URL: "https://map.example.gov.cn/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION: "某市测绘院", MAP_TILE_MAX_ZOOM: "17" }).basemap).toMatchObject({
      origin: "https://map.example.gov.cn",
      maxZoom: 17,
    });
    expect(() => loadConfig({ ...secrets, MAP_TILE_URL: "https://map.example.gov.cn/{z}/{x}/{y}.png" })).toThrow(/MAP_TILE_ATTRIBUTION/);
  });
});
