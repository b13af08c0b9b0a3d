import http from "node:http";
import type { AddressInfo } from "node:net";
import { routes } from "@/lib/api/routes";
import { routeModules } from "./route-modules.ts";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The portal's internal API over real HTTP, for a media node in the same test: each request goes
 * to the real route handler (and so to the domain layer and the test's database), as
 * scripts/portal-server.mjs hands requests to Next's handler. Only the internal routes are served.
 * `port`: a fixed one, to bring "the portal" back where a node already looks for it.
 */
export async function startInternalApiServer(port = 0): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  const internal = Object.values(routes).filter((r) => r.auth === "internal");
  let count = 0;
  const server = http.createServer(async (req, res) => {
    count++;
    const route = internal.find((r) => r.method === req.method && r.path === new URL(req.url ?? "/", "http://x").pathname);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const handler = (await routeModules[route.path]!())[route.method] as Handler;
    const response = await handler(new Request(new URL(req.url!, `http://${req.headers.host}`), { method: req.method, headers, body: Buffer.concat(chunks) }), {
      params: Promise.resolve({}),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
