import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Docker cannot run on these machines, so the deployment file is checked as data: the services,
// ports and volumes it declares are the ones README.md documents.
const ROOT = path.resolve(import.meta.dirname, "../..");
// Merge keys (`<<: *portal-env`) as docker compose reads them.
const compose = parse(fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"), { merge: true });
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("docker-compose.yml", () => {
  it("declares the portal (and its one-shot migration), the media node, nginx, PostgreSQL 15, Redis 7 and coturn", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["coturn", "media", "migrate", "nginx", "portal", "postgres", "redis"]);
    expect(compose.services.nginx.image).toMatch(/^nginx:1\.\d+-bookworm$/);
    expect(compose.services.postgres.image).toMatch(/^postgres:15/);
    expect(compose.services.redis.image).toMatch(/^redis:7/);
    expect(compose.services.coturn.image).toMatch(/^coturn\/coturn:4\.6/);
  });

  it("runs the portal on PostgreSQL, with its secrets from the environment, never inline", () => {
    const env = compose.services.portal.environment;
    expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
    for (const name of ["APP_SECRET", "ID_HASH_KEY", "TURN_SECRET", "TURN_URLS", "JOIN_TOKEN_PRIVATE_KEY"]) expect(env[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    // The migration and every portal replica read the same configuration.
    expect(compose.services.migrate.environment).toEqual(Object.fromEntries(Object.entries(env).filter(([name]) => !["NODE_ENV", "NEXT_MANUAL_SIG_HANDLE", "NEXT_TELEMETRY_DISABLED"].includes(name))));
  });

  it("restarts every long-running service by itself and checks its health", () => {
    for (const [name, service] of Object.entries<Record<string, unknown>>(compose.services)) {
      if (name === "migrate") {
        expect(service.restart).toBe("on-failure");
        continue;
      }
      expect(service.restart, name).toBe("unless-stopped");
      expect((service.healthcheck as { test: string[] } | undefined)?.test?.length, `${name} healthcheck`).toBeGreaterThan(1);
    }
    // The health checks ask the endpoints our processes really serve, on the ports they listen on.
    expect(compose.services.portal.healthcheck.test.join(" ")).toContain("http://127.0.0.1:3000/api/v1/health");
    expect(compose.services.media.healthcheck.test.join(" ")).toContain("http://127.0.0.1:4443/health");
    expect(compose.services.portal.command).toEqual(["node", "../scripts/portal-server.mjs", "3000"]);
    expect(fs.existsSync(path.join(ROOT, "scripts", "portal-server.mjs"))).toBe(true);
    expect(compose.services.migrate.command).toEqual(["node_modules/.bin/tsx", "scripts/db-setup.ts"]);
    expect(fs.existsSync(path.join(ROOT, "scripts", "db-setup.ts"))).toBe(true);
    // Portals start after the migration finished, never beside it (N replicas must not race it).
    expect(compose.services.portal.depends_on.migrate.condition).toBe("service_completed_successfully");
  });

  it("puts nginx with the repository's TLS configuration in front, trusted by the portal by its fixed address only", () => {
    const nginx = compose.services.nginx;
    const [template] = nginx.volumes as string[];
    const [source, target] = template!.split(":");
    expect(fs.existsSync(path.join(ROOT, source!))).toBe(true);
    expect(target).toMatch(/^\/etc\/nginx\/templates\/.+\.template$/);
    // Every variable of the template is given to the nginx service (its envsubst leaves $host alone).
    const used = new Set([...fs.readFileSync(path.join(ROOT, source!), "utf8").matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(nginx.environment).sort());
    expect(nginx.networks.default.ipv4_address).toBe(compose.services.portal.environment.TRUSTED_PROXIES);
    const subnet = compose.networks.default.ipam.config[0].subnet as string;
    expect(nginx.networks.default.ipv4_address.startsWith(subnet.split(".").slice(0, 2).join("."))).toBe(true);
    expect(nginx.ports).toEqual(["443:443", "4443:4443"]);
    // Portals publish no host port: they are many, nginx reaches each.
    expect(compose.services.portal.ports).toBeUndefined();
  });

  it("keeps recordings and the database on named volumes", () => {
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["recordings", "db"]));
    expect(compose.services.media.volumes).toContain("recordings:/app/recordings");
    expect(compose.services.postgres.volumes).toContain("db:/var/lib/postgresql/data");
  });

  it("publishes the ports the README documents", () => {
    const ports = [...compose.services.nginx.ports, ...compose.services.media.ports];
    expect(ports).toEqual(expect.arrayContaining(["443:443", "4443:4443", "40000-40100:40000-40100/udp", "40000-40100:40000-40100/tcp"]));
    for (const port of ["443", "3000", "4443", "40000-40100", "3478", "5349"]) expect(readme, `README port ${port}`).toContain(port);
    for (const volume of ["recordings", "db"]) expect(readme, `README volume ${volume}`).toContain(`\`${volume}\``);
  });

  it("documents in the README's configuration table every variable it reads or gives our services", () => {
    const raw = fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8");
    const names = new Set([...raw.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
    for (const service of [compose.services.portal, compose.services.media]) for (const name of Object.keys(service.environment)) names.add(name);
    // Next's own switches are not ours to document.
    for (const name of ["NODE_ENV", "NEXT_MANUAL_SIG_HANDLE", "NEXT_TELEMETRY_DISABLED"]) names.delete(name);
    const undocumented = [...names].filter((name) => !readme.includes(`| \`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
