import http from "node:http";
import type { AddressInfo } from "node:net";

/** A stand-in for the portal's /api/internal/media-events, listening only once a test starts it (the node's queue waits for it). */
export class PortalInbox {
  static readonly SECRET = "s".repeat(40);
  readonly events: Array<Record<string, unknown>> = [];
  private server: http.Server | undefined;
  constructor(readonly port: number) {}

  start(): Promise<void> {
    if (this.server) return Promise.resolve();
    this.server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        if (request.url !== "/api/internal/media-events" || request.headers.authorization !== `Bearer ${PortalInbox.SECRET}`) {
          response.writeHead(403).end();
          return;
        }
        this.events.push(...(JSON.parse(body) as { events: Array<Record<string, unknown>> }).events);
        response.writeHead(200, { "content-type": "application/json" }).end('{"stored":0}');
      });
    });
    return new Promise((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
