import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import type { BrowserContext } from "@playwright/test";

// A constrained downlink for one browser context, on loopback: every UDP path from the media node
// to the page goes through a relay in the test process whose node → page direction is a
// bottleneck link — a fixed rate, a queue of at most `queueMs` behind it, and tail drop when the
// queue is full (what a home uplink or a congested cell looks like to WebRTC's bandwidth
// estimation: delay first, then loss). The page → node direction passes untouched.
//
// How the page is made to use it: an init script wraps RTCPeerConnection.setRemoteDescription and
// rewrites each UDP host candidate of the media node (mediasoup is ICE-lite, so every candidate is
// in the SDP) to a relay port that the test process opens for it; TCP candidates are removed so
// the page cannot go around the link. The media node sees the relay as the page.

export interface CappedLink {
  /** Caps node → page at `kbps` (kbit/s on the wire, UDP payload); `null` lifts the cap. */
  setRate(kbps: number | null): void;
  /** Packets and bytes sent towards the page, and dropped at the full queue. */
  counters(): { forwarded: number; dropped: number; bytes: number };
  close(): Promise<void>;
}

interface Path {
  readonly toPage: dgram.Socket; // bound on 127.0.0.1:<relay port>, the page talks to it
  readonly toNode: dgram.Socket; // the node sees this socket as the page
  page: { address: string; port: number } | null;
  /** When the link is next free (ms, performance.now() clock). */
  busyUntil: number;
  /** Packets on the link towards the page, each with when it arrives there; in order. */
  queue: Array<{ packet: Buffer; at: number }>;
  timer: NodeJS.Timeout | null;
}

export async function cappedLink(context: BrowserContext, { queueMs = 200 } = {}): Promise<CappedLink> {
  const paths: Path[] = [];
  let rateKbps: number | null = null;
  const count = { forwarded: 0, dropped: 0, bytes: 0 };
  let closed = false;

  /** Sends what is due at the head of the path's queue, then waits for the next. */
  const drain = (path: Path) => {
    path.timer = null;
    const now = performance.now();
    while (path.queue.length > 0 && path.queue[0]!.at <= now) {
      const { packet } = path.queue.shift()!;
      count.forwarded++;
      count.bytes += packet.length;
      if (!closed && path.page) path.toPage.send(packet, path.page.port, path.page.address);
    }
    if (path.queue.length > 0) path.timer = setTimeout(() => drain(path), path.queue[0]!.at - now).unref();
  };

  const toPage = (path: Path, packet: Buffer) => {
    if (!path.page) return;
    const now = performance.now();
    let at = now;
    if (rateKbps !== null) {
      const start = Math.max(now, path.busyUntil);
      if (start - now > queueMs) {
        count.dropped++;
        return;
      }
      // Serialisation time of this packet at the link rate (28 bytes of IP + UDP header included).
      at = path.busyUntil = start + ((packet.length + 28) * 8) / rateKbps;
    }
    // Lifted or not, the link is one FIFO: what was queued under the cap leaves before what comes
    // after it. (Letting new packets pass the queue would reorder up to `queueMs` of them, which no
    // real link does and which WebRTC's estimation reads as a burst of loss.)
    path.queue.push({ packet, at: Math.max(at, path.queue.at(-1)?.at ?? 0) });
    if (path.timer === null) drain(path);
  };

  const open = async (nodeAddress: string, nodePort: number): Promise<number> => {
    const path: Path = { toPage: dgram.createSocket("udp4"), toNode: dgram.createSocket("udp4"), page: null, busyUntil: 0, queue: [], timer: null };
    await Promise.all([
      new Promise<void>((resolve) => path.toPage.bind(0, "127.0.0.1", resolve)),
      new Promise<void>((resolve) => path.toNode.bind(0, "127.0.0.1", resolve)),
    ]);
    path.toPage.on("message", (packet, from) => {
      path.page = { address: from.address, port: from.port };
      path.toNode.send(packet, nodePort, nodeAddress);
    });
    path.toNode.on("message", (packet) => toPage(path, packet));
    paths.push(path);
    return (path.toPage.address() as AddressInfo).port;
  };

  // One relay port per distinct node address the page is given; the page asks while it applies
  // a remote description (the binding is async, and so is setRemoteDescription).
  const byNodeAddress = new Map<string, Promise<number>>();
  await context.exposeBinding("__ygavRelayFor", (_source, address: string, port: number) => {
    const key = `${address}:${port}`;
    if (!byNodeAddress.has(key)) byNodeAddress.set(key, open(address, port));
    return byNodeAddress.get(key)!;
  });
  await context.addInitScript(() => {
    const relayFor = (window as unknown as { __ygavRelayFor(address: string, port: number): Promise<number> }).__ygavRelayFor;
    const rewrite = async (sdp: string): Promise<string> => {
      const lines: string[] = [];
      for (const line of sdp.split("\r\n")) {
        // a=candidate:<foundation> <component> <protocol> <priority> <address> <port> typ ...
        const parts = line.startsWith("a=candidate:") ? line.split(" ") : null;
        if (!parts) lines.push(line);
        else if (parts[2]!.toLowerCase() === "udp") {
          parts[5] = String(await relayFor(parts[4]!, Number(parts[5])));
          parts[4] = "127.0.0.1";
          lines.push(parts.join(" "));
        }
        // TCP candidates are left out: the page must not go around the link.
      }
      return lines.join("\r\n");
    };
    type Apply = (this: RTCPeerConnection, description: RTCSessionDescriptionInit) => Promise<void>;
    const native = RTCPeerConnection.prototype.setRemoteDescription as Apply;
    const wrapped: Apply = async function (this: RTCPeerConnection, description) {
      if (!description?.sdp) return native.call(this, description);
      return native.call(this, { type: description.type, sdp: await rewrite(description.sdp) });
    };
    RTCPeerConnection.prototype.setRemoteDescription = wrapped as typeof RTCPeerConnection.prototype.setRemoteDescription;
  });

  return {
    setRate(kbps) {
      rateKbps = kbps;
    },
    counters: () => ({ ...count }),
    async close() {
      closed = true;
      for (const path of paths) {
        if (path.timer) clearTimeout(path.timer);
        path.toPage.close();
        path.toNode.close();
      }
    },
  };
}
