import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a media node that holds everything the node sends for `delayMs` (a long
 * downlink, as on a far mobile network), and passes what the client sends at once. Order is kept.
 */
export async function delayedDownlink(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on("data", (chunk) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    upstream.on("end", () => setTimeout(() => client.end(), delayMs));
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", closeBoth).on("close", closeBoth);
    upstream.on("error", closeBoth).on("close", () => setTimeout(closeBoth, delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
