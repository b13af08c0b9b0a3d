import { readFile } from "node:fs/promises";

/**
 * Whether some process has a UDP socket bound to `port` on this machine (Linux: /proc/net/udp).
 * The writer is "listening" once its socket is bound; reading the kernel's table answers that
 * without touching the port (a test bind could steal it from the writer for a moment).
 */
export async function udpPortBound(port: number): Promise<boolean> {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/udp", "/proc/net/udp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const local = line.trim().split(/\s+/)[1];
      if (local?.endsWith(`:${hex}`)) return true;
    }
  }
  return false;
}

export async function waitForUdpPort(port: number, timeoutMs: number, alive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) return false;
    if (await udpPortBound(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}
