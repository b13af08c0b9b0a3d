import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import type { PipeTap } from "../../src/network/room-links.ts";
import type { PipeEnd } from "../../src/protocol/network.ts";

/**
 * A UDP relay between two nodes' link transports that can lose a share of the RTP and cap the
 * rate, one way: from the other node toward the initiator (where media goes up the tree). The cap
 * works as tc's tbf does: packets queue behind a bit rate, and past a queue of `queueMs` at that
 * rate they are dropped (a cap of 0: none, loss only). Installed as the initiating node's PipeTap:
 * that node connects to `a`, the other to `b`. (The kernel here has no netem; network-netns.test.ts
 * caps a real link with tc where it runs as root.)
 */
export function shapedRelay(state: { loss: number; kbps: number }, { queueMs = 200 } = {}) {
  const sockets: dgram.Socket[] = [];
  const counts = { forwarded: 0, dropped: 0, overflowed: 0 };
  let initiatorEnd: PipeEnd | undefined;
  let otherEnd: PipeEnd | undefined;
  let a: dgram.Socket | undefined;
  const queue: Buffer[] = [];
  let queuedBytes = 0;
  let credit = 0; // bytes that may leave now
  let last = performance.now();
  const forward = (packet: Buffer) => {
    counts.forwarded++;
    if (initiatorEnd) a!.send(packet, initiatorEnd.port, initiatorEnd.ip);
  };
  const drain = () => {
    const now = performance.now();
    if (state.kbps > 0) credit = Math.min(credit + ((now - last) * state.kbps) / 8, 3000);
    last = now;
    while (queue.length > 0 && (state.kbps <= 0 || credit >= queue[0]!.length)) {
      const packet = queue.shift()!;
      queuedBytes -= packet.length;
      if (state.kbps > 0) credit -= packet.length;
      forward(packet);
    }
  };
  const timer = setInterval(drain, 2);
  const bind = async () => {
    const s = dgram.createSocket("udp4");
    sockets.push(s);
    await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve));
    return s;
  };
  const tap: PipeTap = {
    async local(end) {
      initiatorEnd = end;
      a = await bind();
      const b = await bind();
      a.on("message", (packet) => otherEnd && b.send(packet, otherEnd.port, otherEnd.ip));
      b.on("message", (packet) => {
        const rtcp = packet.length >= 2 && packet[1]! >= 192 && packet[1]! <= 223;
        if (!rtcp && Math.random() < state.loss) return void counts.dropped++;
        if (state.kbps <= 0 && queue.length === 0) return forward(packet);
        if (state.kbps > 0 && queuedBytes + packet.length > (state.kbps * queueMs) / 8) return void counts.overflowed++;
        queue.push(packet);
        queuedBytes += packet.length;
        drain();
      });
      return { ...end, ip: "127.0.0.1", port: (b.address() as AddressInfo).port };
    },
    async remote(end) {
      otherEnd = end;
      return { ...end, ip: "127.0.0.1", port: (a!.address() as AddressInfo).port };
    },
  };
  return {
    tap,
    counts,
    close: () => {
      clearInterval(timer);
      sockets.forEach((s) => s.close());
    },
  };
}
