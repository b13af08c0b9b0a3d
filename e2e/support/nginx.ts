import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acceptsTcp, stopChild } from "./child-process.ts";

// Debian's nginx on loopback with a throwaway self-signed certificate, running the deployment's
// own configuration (deploy/nginx/yangguang.conf.template, rendered as nginx's official image
// renders it) inside a minimal main configuration of the test's (pid file, temp folders, logs).

const ROOT = path.resolve(import.meta.dirname, "../..");
const NGINX = "/usr/sbin/nginx";

export interface Nginx {
  readonly portalOrigin: string;
  readonly mediaOrigin: string;
  stop(): Promise<void>;
  errorLog(): string;
}

/** Substitutes `${NAME}` (braces only, as the official image's envsubst filter leaves `$host` alone). */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in values)) throw new Error(`nginx template: no value for ${whole}`);
    return values[name]!;
  });
}

export async function startNginx(options: {
  portalHttpsPort: number;
  mediaHttpsPort: number;
  /** host:port of each portal process (round-robin). */
  portals: string[];
  media: string;
  /** Adds X-Upstream (which portal answered) to every portal response: test configuration only. */
  revealUpstream?: boolean;
}): Promise<Nginx> {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx is not installed (${NGINX}); run npm test, whose bootstrap installs "nginx"`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-nginx-"));
  const certs = path.join(dir, "certs");
  fs.mkdirSync(certs);
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    "-keyout", path.join(certs, "privkey.pem"), "-out", path.join(certs, "fullchain.pem"),
  ], { stdio: "ignore" });
  const [first, ...more] = options.portals;
  const site = renderTemplate(fs.readFileSync(path.join(ROOT, "deploy", "nginx", "yangguang.conf.template"), "utf8"), {
    PORTAL_UPSTREAM: first!,
    MEDIA_UPSTREAM: options.media,
    NGINX_LISTEN_ADDRESS: "127.0.0.1",
    PORTAL_HTTPS_PORT: String(options.portalHttpsPort),
    MEDIA_HTTPS_PORT: String(options.mediaHttpsPort),
    TLS_CERT_DIR: certs,
  })
    .replace(`server ${first};`, [first, ...more].map((portal) => `server ${portal};`).join("\n    "))
    .replace("proxy_pass http://yangguang_portal;", `proxy_pass http://yangguang_portal;${options.revealUpstream ? "\n        add_header X-Upstream $upstream_addr always;" : ""}`);
  fs.writeFileSync(path.join(dir, "site.conf"), site);
  const temp = (name: string) => path.join(dir, name);
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      `pid ${temp("nginx.pid")};`,
      `error_log ${temp("error.log")} warn;`,
      "events { worker_connections 512; }",
      "http {",
      "  access_log off;",
      `  client_body_temp_path ${temp("body")}; proxy_temp_path ${temp("proxy")};`,
      `  fastcgi_temp_path ${temp("fastcgi")}; uwsgi_temp_path ${temp("uwsgi")}; scgi_temp_path ${temp("scgi")};`,
      `  include ${path.join(dir, "site.conf")};`,
      "}",
    ].join("\n"),
  );
  // -e: the default error log under /var/log is opened before the configuration is read.
  const child = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", temp("error.log")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const errorLog = () => {
    try {
      return stderr + fs.readFileSync(temp("error.log"), "utf8");
    } catch {
      return stderr;
    }
  };
  const stop = async () => {
    await stopChild(child, "SIGQUIT");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  while (!(await acceptsTcp(options.portalHttpsPort)) || !(await acceptsTcp(options.mediaHttpsPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const text = errorLog();
      await stop();
      throw new Error(`nginx did not start\n${text.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    portalOrigin: `https://localhost:${options.portalHttpsPort}`,
    mediaOrigin: `https://localhost:${options.mediaHttpsPort}`,
    stop,
    errorLog,
  };
}
