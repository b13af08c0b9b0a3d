import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPortalServer } from "./portal-http.mjs";

// The portal's own HTTP server, over raw sockets: what a client's bytes meet before Next does.
let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function listen(handle: Parameters<typeof createPortalServer>[0]): Promise<number> {
  const server = createPortalServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return (server.address() as AddressInfo).port;
}

/** One socket, requests sent one after another on it; each answer is read in full. */
function connection(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  let ended = false;
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  socket.on("close", () => (ended = true));
  return {
    get ended() {
      return ended;
    },
    async ask(request: string): Promise<string> {
      received = "";
      socket.write(request);
      const deadline = Date.now() + 5_000;
      while (!/\r\n\r\n[\s\S]*\n$/.test(received) && !ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return received;
    },
    destroy: () => socket.destroy(),
  };
}

const echoForwardedFor = (req: { headers: Record<string, unknown> }, res: import("node:http").ServerResponse) => {
  const body = `${req.headers["x-forwarded-for"]}\n`;
  res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(body) });
  res.end(body);
};

describe("the portal's HTTP server", () => {
  it("keeps an idle keep-alive socket past the 5 s that Node's clients keep theirs, so a request on it is never reset", async () => {
    const port = await listen(echoForwardedFor);
    const client = connection(port);
    expect(await client.ask("GET / HTTP/1.1\r\nhost: portal\r\n\r\n")).toMatch(/^HTTP\/1\.1 200/);
    // Node's server default would close this socket after 5 s of silence, racing a client that
    // reuses it at 5 s.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(client.ended).toBe(false);
    expect(await client.ask("POST / HTTP/1.1\r\nhost: portal\r\ncontent-length: 2\r\n\r\n{}")).toMatch(/^HTTP\/1\.1 200/);
    client.destroy();
  }, 20_000);

  it("appends the socket's peer to X-Forwarded-For, whatever the client claims", async () => {
    const port = await listen(echoForwardedFor);
    const client = connection(port);
    expect(await client.ask("GET / HTTP/1.1\r\nhost: portal\r\n\r\n")).toMatch(/\r\n\r\n127\.0\.0\.1\n$/);
    expect(await client.ask("GET / HTTP/1.1\r\nhost: portal\r\nx-forwarded-for: 10.1.2.3\r\n\r\n")).toMatch(/\r\n\r\n10\.1\.2\.3, 127\.0\.0\.1\n$/);
    client.destroy();
  });

  it("answers malformed percent-encoding, and a handler that throws, with a 400 and stays up", async () => {
    let handled = 0;
    const port = await listen((req, res) => {
      handled++;
      if (req.url === "/throws") throw new Error("cannot route");
      echoForwardedFor(req, res);
    });
    const bad = connection(port);
    expect(await bad.ask("GET /api/v1/%C0%AE HTTP/1.1\r\nhost: portal\r\n\r\n")).toMatch(/^HTTP\/1\.1 400[\s\S]*malformed percent-encoding/);
    bad.destroy();
    const throwing = connection(port);
    expect(await throwing.ask("GET /throws HTTP/1.1\r\nhost: portal\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
    throwing.destroy();
    const after = connection(port);
    expect(await after.ask("GET / HTTP/1.1\r\nhost: portal\r\n\r\n")).toMatch(/^HTTP\/1\.1 200/);
    after.destroy();
    expect(handled).toBe(2);
  });
});
