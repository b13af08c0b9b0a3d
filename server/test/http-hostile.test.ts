import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnMediaNode, type NodeProcess } from "./support/node-process.ts";

/** Sends raw bytes and returns what came back before the server closed (or 2 s passed). */
function raw(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    const done = () => {
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(done, 2000);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      // One answer is all we need; keep-alive would otherwise hold the socket open.
      if (/^HTTP\/1\.[01] \d{3}[\s\S]*\r\n\r\n/.test(received)) {
        clearTimeout(timer);
        setTimeout(done, 50);
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", () => undefined);
    socket.write(bytes);
  });
}

const request = (target: string, extra = "") => `GET ${target} HTTP/1.1\r\nHost: node\r\n${extra}\r\n`;

const HOSTILE: Array<[string, string | Buffer]> = [
  ["protocol-relative target with a bad port", request("//:99999")],
  ["absolute target with an unclosed IPv6 host", request("http://[::1")],
  ["absolute target with a bad port", request("http://node:99999/health")],
  ["bad percent-encoding", request("/%%%/health%zz")],
  ["percent-encoded NUL", request("/health%00")],
  ["raw NUL in the target", request("/hea\0lth")],
  ["asterisk target", "OPTIONS * HTTP/1.1\r\nHost: node\r\n\r\n"],
  ["unknown method", "BREW /health HTTP/1.1\r\nHost: node\r\n\r\n"],
  ["unknown HTTP version", "GET /health HTTP/9.9\r\nHost: node\r\n\r\n"],
  ["binary garbage", Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0xff, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])],
  ["NUL in a header value", request("/health", "X-Evil: a\0b\r\n")],
  ["header without a colon", request("/health", "NoColonHere\r\n")],
  ["100 kB header", request("/health", `X-Big: ${"a".repeat(100_000)}\r\n`)],
  ["10,000 headers", request("/health", "X: y\r\n".repeat(10_000))],
  ["bad content-length", "POST /internal/rooms/r/spotlight HTTP/1.1\r\nHost: node\r\nContent-Length: -1\r\n\r\n"],
  ["two content-lengths", "POST /internal/rooms/r/close HTTP/1.1\r\nHost: node\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"],
  ["bad chunked body", "POST /internal/rooms/r/spotlight HTTP/1.1\r\nHost: node\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"],
  ["socket.io path with a bad port shape", request("/socket.io///:99999")],
  ["socket.io with bad query encoding", request("/socket.io/?EIO=4&transport=polling&sid=%ZZ")],
  ["socket.io with an unknown transport", request("/socket.io/?EIO=4&transport=carrier-pigeon")],
  ["socket.io websocket upgrade without a key", request("/socket.io/?EIO=4&transport=websocket", "Connection: Upgrade\r\nUpgrade: websocket\r\n")],
  ["internal API with a path traversal", request("/internal/rooms/../../etc/passwd/close")],
];

describe("hostile HTTP against the media node's port (the real process)", () => {
  let node: NodeProcess;
  beforeAll(async () => {
    node = await spawnMediaNode();
  });
  afterAll(() => node?.stop());

  it.each(HOSTILE)("%s: answered with a 4xx or closed, and the process stays up", async (_name, bytes) => {
    const answer = await raw(node.port, bytes);
    if (answer !== "") expect(answer).toMatch(/^HTTP\/1\.[01] 4\d\d /);
    // Give a crash (an unhandled rejection exits Node 20) the time to happen.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(node.child.exitCode).toBeNull();
    const health = await fetch(`http://127.0.0.1:${node.port}/health`);
    expect(health.status).toBe(200);
  });

  it("still answers /health after all of them, and logged no uncaught error", async () => {
    expect((await fetch(`http://127.0.0.1:${node.port}/health`)).status).toBe(200);
    expect(node.output()).not.toMatch(/uncaught exception/);
  });
});
