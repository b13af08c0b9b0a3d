import net from "node:net";

/**
 * TRUSTED_PROXIES: IPs and CIDRs (10.0.0.0/8, ::1, fd00::/8) of the reverse proxies in front of
 * the portal and the media node (both read the same variable; the portal imports this module).
 * Node's own net.BlockList does the matching (ipaddr.js is not in the tree, and a
 * dependency for a dozen lines of CIDR logic is not worth it); it knows IPv4 and IPv6.
 */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!toSubnet(entry)) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
  }
  return entries;
}

/** A predicate "is this address one of our proxies?" for a list parseTrustedProxies accepted. */
export function proxyMatcher(entries: readonly string[]): (ip: string) => boolean {
  const list = new net.BlockList();
  for (const entry of entries) {
    const subnet = toSubnet(entry)!;
    list.addSubnet(subnet.address, subnet.prefix, subnet.family);
  }
  return (ip) => {
    const address = normalizeIp(ip);
    const family = net.isIP(address);
    return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
  };
}

/** An IPv4 address as Node reports it on a dual-stack socket (::ffff:10.0.0.1) is that IPv4 address. */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

function toSubnet(entry: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, family: family === 4 ? "ipv4" : "ipv6" };
}
