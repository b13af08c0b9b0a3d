import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiFetch } from "@/lib/client/api-fetch";

// apiFetch against a real HTTP server that misbehaves the ways a portal restarting under load,
// or a proxy in front of it, does. Its promise: never throw, and never call a lost answer a success.
const answers: Record<string, (res: ServerResponse) => void> = {
  "/ok": (res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ markedAt: "2026-12-02T06:04:42.000Z" })),
  // Headers at once, then the body never comes (what the console met after the portal's restart).
  "/stalled-body": (res) => res.writeHead(200, { "content-type": "application/json" }).write('{"marked'),
  "/stalled-headers": () => {},
  "/cut-off": (res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" }).write('{"markedAt":');
    setTimeout(() => res.socket?.destroy(), 50);
  },
  "/empty-200": (res) => res.writeHead(200).end(),
  "/proxy-html-200": (res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>登录 Wi-Fi</html>"),
  "/proxy-502": (res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>"),
  "/refused": (res) =>
    res.writeHead(409, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "conflict", message: "已结束", fields: {} } })),
};

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => answers[req.url ?? ""]?.(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("apiFetch", () => {
  it("returns the parsed body of a 2xx", async () => {
    expect(await apiFetch("GET", `${origin}/ok`, undefined, { timeoutMs: 2000 })).toEqual({ ok: true, data: { markedAt: "2026-12-02T06:04:42.000Z" } });
  });

  it("answers timeout when the headers came but the body did not, within the deadline", async () => {
    const started = Date.now();
    const result = await apiFetch("GET", `${origin}/stalled-body`, undefined, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, error: { status: 0, code: "timeout" } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("answers timeout when not even the headers came", async () => {
    expect(await apiFetch("GET", `${origin}/stalled-headers`, undefined, { timeoutMs: 300 })).toMatchObject({ ok: false, error: { status: 0, code: "timeout" } });
  });

  it.each(["/cut-off", "/empty-200", "/proxy-html-200"])("treats a 2xx without a whole JSON body (%s) as not reached, so it is retried", async (path) => {
    expect(await apiFetch("GET", `${origin}${path}`, undefined, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { status: 0, code: "network" } });
  });

  it("keeps the status of an error page that is not JSON", async () => {
    expect(await apiFetch("GET", `${origin}/proxy-502`)).toMatchObject({ ok: false, error: { status: 502, code: "unknown" } });
  });

  it("passes a typed refusal through", async () => {
    expect(await apiFetch("GET", `${origin}/refused`)).toMatchObject({ ok: false, error: { status: 409, code: "conflict", message: "已结束" } });
  });
});
