import net from "node:net";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);

/**
 * One raw request on its own connection; the status line of the answer, or what happened instead.
 * The status line is enough: the portal keeps an answered keep-alive connection open for a minute.
 */
function rawRequest(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1");
    let data = "";
    socket.setTimeout(10_000, () => {
      socket.destroy();
      resolve(data.split("\r\n")[0] || "timeout");
    });
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
      if (!data.includes("\r\n")) return;
      resolve(data.split("\r\n")[0]!);
      socket.destroy();
    });
    socket.on("error", (error) => resolve(data.split("\r\n")[0] || `error ${error.message}`));
    socket.on("close", () => resolve(data.split("\r\n")[0] || "closed without answer"));
    socket.write(bytes, "latin1");
  });
}

const HOSTILE = [
  "GET //:99999 HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET //evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /api/v1/persons?q=%0A%00%ff HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /login?next=/%0A/evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /rollcalls/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /api/v1/rollcalls/%C0%AE%C0%AE HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /api/v1/persons/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
  "GARBAGE\r\n\r\n",
  "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: \x00\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n",
  `GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
  "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n",
];

// A junk query on a real page may well get that page (200); what matters is no 5xx and no crash.
test("malformed requests get an answer below 500 (a 4xx where they cannot be served) and the portal stays up", async ({ request }) => {
  for (const bytes of HOSTILE) {
    const status = await rawRequest(bytes);
    const code = Number(/^HTTP\/1\.[01] (\d{3})/.exec(status)?.[1] ?? 0);
    expect(code, `${JSON.stringify(bytes.slice(0, 60))} → ${status}`).toBeGreaterThanOrEqual(200);
    expect(code, `${JSON.stringify(bytes.slice(0, 60))} → ${status}`).toBeLessThan(500);
    expect((await request.get("/api/v1/health")).status()).toBe(200);
  }
});

test("a redirect for a path starting with // never leaves the site", async () => {
  const answer = await new Promise<string>((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1");
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString("latin1")));
    socket.on("close", () => resolve(data));
    socket.write("GET //evil.example/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  });
  const location = /\r\nlocation: ([^\r]*)/i.exec(answer)?.[1];
  if (location) expect(location.startsWith("/") && !location.startsWith("//")).toBe(true);
});

test("an over-large body gets its 413 with Connection: close, not a reset", async () => {
  const body = JSON.stringify({ username: "x".repeat(3_000_000), password: "y" });
  const answer = await new Promise<string>((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1");
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString("latin1")));
    socket.on("error", (error) => resolve(data || `error ${error.message}`));
    socket.on("close", () => resolve(data));
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body);
  });
  expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
  expect(answer).toMatch(/\r\nconnection: close\r\n/i);
});
