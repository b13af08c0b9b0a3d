// Machine-wide readings taken at both ends of a measurement window (cumulative counters; a
// window's value is the difference). Per-process CPU comes from the processes themselves.
import { readFileSync } from "node:fs";

/** Whole-machine CPU (/proc/stat, in jiffies): to tell a quiet window from a noisy one. */
export function machineCpu(): { busy: number; total: number; steal: number; cores: number } {
  const lines = readFileSync("/proc/stat", "utf8").split("\n");
  const fields = lines[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  const cores = lines.filter((l) => /^cpu\d/.test(l)).length;
  return { busy: total - idle - iowait, total, steal, cores };
}

/**
 * Datagrams the kernel dropped because a socket's receive buffer was full (/proc/net/udp "drops"),
 * summed over the given local ports: on the generator's ports it means the generator, not the SFU,
 * lost them.
 */
export function udpDrops(ports: ReadonlySet<number>): number {
  let drops = 0;
  for (const line of readFileSync("/proc/net/udp", "utf8").split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 13) continue;
    const port = parseInt(cols[1]!.split(":")[1]!, 16);
    if (ports.has(port)) drops += Number(cols[cols.length - 1]);
  }
  return drops;
}
