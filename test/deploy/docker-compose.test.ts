import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Docker cannot run on these machines, so the deployment file is checked as data: the services,
// ports and volumes it declares are the ones README.md documents.
const ROOT = path.resolve(import.meta.dirname, "../..");
const compose = parse(fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"));
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("docker-compose.yml", () => {
  it("declares the portal, the media node, PostgreSQL 15, Redis 7 and coturn", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["coturn", "media", "portal", "postgres", "redis"]);
    expect(compose.services.postgres.image).toMatch(/^postgres:15/);
    expect(compose.services.redis.image).toMatch(/^redis:7/);
    expect(compose.services.coturn.image).toMatch(/^coturn\/coturn:4\.6/);
  });

  it("runs the portal on PostgreSQL, with its secrets from the environment, never inline", () => {
    const env = compose.services.portal.environment;
    expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
    for (const name of ["APP_SECRET", "ID_HASH_KEY"]) expect(env[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
  });

  it("keeps data, recordings and the database on named volumes", () => {
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["portal-data", "recordings", "db"]));
    expect(compose.services.portal.volumes).toContain("portal-data:/app/data");
    expect(compose.services.media.volumes).toContain("recordings:/app/recordings");
    expect(compose.services.postgres.volumes).toContain("db:/var/lib/postgresql/data");
  });

  it("publishes the ports the README documents", () => {
    const ports = [...compose.services.portal.ports, ...compose.services.media.ports];
    expect(ports).toEqual(expect.arrayContaining(["3000:3000", "4443:4443", "40000-40100:40000-40100/udp"]));
    for (const port of ["3000", "4443", "40000-40100", "3478", "5349"]) expect(readme, `README port ${port}`).toContain(port);
    for (const volume of ["portal-data", "recordings", "db"]) expect(readme, `README volume ${volume}`).toContain(`\`${volume}\``);
  });

  it("documents in the README's configuration table every variable it reads or gives our services", () => {
    const raw = fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8");
    const names = new Set([...raw.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
    for (const service of [compose.services.portal, compose.services.media]) for (const name of Object.keys(service.environment)) names.add(name);
    const undocumented = [...names].filter((name) => !readme.includes(`| \`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
